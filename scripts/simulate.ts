/**
 * Acts as a customer on any channel against the local runtime: builds the platform's webhook,
 * signs it with the local secrets exactly as the platform would, posts it, then prints what the
 * customer's phone received from the sandbox. (The console's /simulator page does the same.)
 *
 *   npm run --silent simulate -- <telegram|whatsapp|messenger|sms> "<text>" [--from <id>] [--tap <payload>]
 */
import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';
import {
  buildCustomerWebhook,
  phonePath,
  SIMULATED_CHANNELS,
  type SimulatedChannel,
} from '../infra/local/simulator/customer-webhooks.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, tap: { type: 'string' }, url: { type: 'string' } },
});
const [channel, text = ''] = positionals;
const base = values.url ?? `http://127.0.0.1:${process.env.PORT ?? LOCAL_DEFAULTS.PORT}`;
const secret = (name: keyof typeof LOCAL_DEFAULTS) => process.env[name] ?? LOCAL_DEFAULTS[name];

if (!SIMULATED_CHANNELS.includes(channel as SimulatedChannel)) {
  console.error(
    'usage: npm run --silent simulate -- <telegram|whatsapp|messenger|sms> "<text>" [--from <id>] [--tap <payload>]',
  );
  process.exit(2);
}
const webhook = buildCustomerWebhook(
  channel as SimulatedChannel,
  { text, ...(values.from ? { from: values.from } : {}), ...(values.tap ? { tap: values.tap } : {}) },
  {
    TELEGRAM_WEBHOOK_SECRET: secret('TELEGRAM_WEBHOOK_SECRET'),
    WHATSAPP_APP_SECRET: secret('WHATSAPP_APP_SECRET'),
    MESSENGER_APP_SECRET: secret('MESSENGER_APP_SECRET'),
    TWILIO_ACCOUNT_SID: secret('TWILIO_ACCOUNT_SID'),
    TWILIO_AUTH_TOKEN: secret('TWILIO_AUTH_TOKEN'),
  },
  process.env.PUBLIC_BASE_URL ?? base,
);
const response = await fetch(`${base}${webhook.path}`, {
  method: 'POST',
  headers: webhook.headers,
  body: webhook.body,
});
console.log(`POST ${webhook.path} → ${response.status}`);
await new Promise((resolve) => setTimeout(resolve, 1500));
const path = phonePath(channel as SimulatedChannel, webhook.customerId);
const { messages } = (await (await fetch(`${base}${path}`)).json()) as {
  messages: Array<Record<string, unknown>>;
};
console.log(`\nThe customer's phone (${path}) shows:`);
for (const message of messages.slice(-3)) console.log(JSON.stringify(message, null, 2));
