/**
 * Go-live helpers for the platforms' webhooks.
 *
 *   npm run webhooks -- register [--stack OmnichannelSupport] [--channels telegram,whatsapp]
 *   npm run webhooks -- check    [--stack OmnichannelSupport]
 *   npm run webhooks -- register --base-url https://hooks.example.com   (credentials from the environment)
 *
 * `register` calls Telegram's setWebhook with the webhook secret and prints, for Meta (WhatsApp,
 * Messenger) and Twilio, the exact callback URL and verify token to paste into their consoles.
 * `check` asks each platform what it has registered where an API exists, and says what to look at
 * where none does. Without --base-url, the stack's outputs and channel secret are read with your AWS
 * credentials. TELEGRAM_API_URL and TWILIO_API_URL point it elsewhere (the local sandboxes).
 */
import { parseArgs } from 'node:util';
import { checkWebhooks, registerWebhooks } from './webhooks/go-live.ts';
import { parseChannels, settingsFromEnvironment, settingsFromStack } from './webhooks/settings.ts';

const USAGE = 'usage: npm run webhooks -- <register|check> [--base-url URL] [--stack NAME] [--channels a,b]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'base-url': { type: 'string' },
      stack: { type: 'string' },
      channels: { type: 'string' },
    },
  });
  const [command] = positionals;
  if (command !== 'register' && command !== 'check') {
    console.error(USAGE);
    return 2;
  }
  const channels = values.channels ? parseChannels(values.channels) : undefined;
  const settings = values['base-url']
    ? settingsFromEnvironment(values['base-url'], channels ?? parseChannels(undefined))
    : await settingsFromStack(
        values.stack ?? (await import('../infra/aws/create-app.ts')).STACK_NAME,
        channels,
      );
  const io = { fetch: globalThis.fetch, print: (line: string) => console.log(line) };
  const ok =
    command === 'register' ? await registerWebhooks(settings, io) : await checkWebhooks(settings, io);
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
