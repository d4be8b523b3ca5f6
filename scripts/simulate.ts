/**
 * Acts as a customer on any channel against the local runtime: builds the platform's webhook,
 * signs it with the local secrets exactly as the platform would, posts it, then prints what the
 * customer's phone received from the sandbox.
 *
 *   npm run --silent simulate -- <telegram|whatsapp|messenger|sms> "<text>" [--from <id>] [--tap <payload>]
 */
import { parseArgs } from 'node:util';
import { LOCAL_DEFAULTS } from '../infra/local/runtime.ts';
import { signMetaBody } from '../shared/channels/meta/signature.ts';
import { signTwilioRequest } from '../shared/channels/sms/verify.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { from: { type: 'string' }, tap: { type: 'string' }, url: { type: 'string' } },
});
const [channel, text = ''] = positionals;
const base = values.url ?? `http://127.0.0.1:${process.env.PORT ?? LOCAL_DEFAULTS.PORT}`;
const secret = (name: keyof typeof LOCAL_DEFAULTS) => process.env[name] ?? LOCAL_DEFAULTS[name];
const id = `${Date.now()}`;
const now = Math.floor(Date.now() / 1000);

async function post(path: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(`${base}${path}`, { method: 'POST', headers, body });
  console.log(`POST ${path} → ${response.status}`);
}

async function phone(path: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const response = await fetch(`${base}${path}`);
  const { messages } = (await response.json()) as { messages: Array<Record<string, unknown>> };
  console.log(`\nThe customer's phone (${path}) shows:`);
  for (const message of messages.slice(-3)) console.log(JSON.stringify(message, null, 2));
}

const json = { 'content-type': 'application/json' };
switch (channel) {
  case 'telegram': {
    const chat = Number(values.from ?? 42);
    const from = { id: chat, first_name: 'Ana', language_code: 'en' };
    const update = values.tap
      ? {
          update_id: Number(id.slice(-9)),
          callback_query: {
            id,
            from,
            chat_instance: '1',
            data: values.tap,
            message: { message_id: 1, date: now, chat: { id: chat, type: 'private' } },
          },
        }
      : {
          update_id: Number(id.slice(-9)),
          message: {
            message_id: Number(id.slice(-6)),
            date: now,
            chat: { id: chat, type: 'private' },
            from,
            text,
          },
        };
    await post('/webhooks/telegram', JSON.stringify(update), {
      ...json,
      'x-telegram-bot-api-secret-token': secret('TELEGRAM_WEBHOOK_SECRET'),
    });
    await phone(`/sandbox/telegram/chats/${chat}`);
    break;
  }
  case 'whatsapp': {
    const waId = values.from ?? '5511999990000';
    const message = values.tap
      ? {
          from: waId,
          id: `wamid.${id}`,
          timestamp: String(now),
          type: 'interactive',
          interactive: { type: 'button_reply', button_reply: { id: values.tap, title: values.tap } },
        }
      : { from: waId, id: `wamid.${id}`, timestamp: String(now), type: 'text', text: { body: text } };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
                messages: [message],
              },
            },
          ],
        },
      ],
    });
    await post('/webhooks/whatsapp', body, {
      ...json,
      'x-hub-signature-256': signMetaBody(body, secret('WHATSAPP_APP_SECRET')),
    });
    await phone(`/sandbox/graph/whatsapp/chats/${waId}`);
    break;
  }
  case 'messenger': {
    const psid = values.from ?? '24680000';
    const event = values.tap
      ? {
          sender: { id: psid },
          recipient: { id: '1357924680' },
          timestamp: Date.now(),
          postback: { mid: `m_${id}`, title: values.tap, payload: values.tap },
        }
      : {
          sender: { id: psid },
          recipient: { id: '1357924680' },
          timestamp: Date.now(),
          message: { mid: `m_${id}`, text },
        };
    const body = JSON.stringify({
      object: 'page',
      entry: [{ id: '1357924680', time: Date.now(), messaging: [event] }],
    });
    await post('/webhooks/messenger', body, {
      ...json,
      'x-hub-signature-256': signMetaBody(body, secret('MESSENGER_APP_SECRET')),
    });
    await phone(`/sandbox/graph/messenger/chats/${psid}`);
    break;
  }
  case 'sms': {
    const from = values.from ?? '+48600100200';
    const params = {
      MessageSid: `SM${id}`,
      AccountSid: secret('TWILIO_ACCOUNT_SID'),
      From: from,
      To: '+15017122661',
      Body: text,
      NumMedia: '0',
    };
    const url = `${process.env.PUBLIC_BASE_URL ?? base}/webhooks/sms`;
    await post('/webhooks/sms', new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(secret('TWILIO_AUTH_TOKEN'), url, params),
    });
    await phone(`/sandbox/twilio/phones/${encodeURIComponent(from)}`);
    break;
  }
  default:
    console.error(
      'usage: npm run --silent simulate -- <telegram|whatsapp|messenger|sms> "<text>" [--from <id>] [--tap <payload>]',
    );
    process.exit(2);
}
