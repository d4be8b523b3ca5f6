import { ensureConsoleBuilt } from '../../scripts/console-build.ts';
import { ENV, WEBHOOK_ROUTES } from '../../shared/definitions.ts';
import { loadDotEnv } from './dotenv.ts';
import { startLocalRuntime } from './runtime.ts';

loadDotEnv();
// Lambda runs Node 22; the SDK's reminder about Node 20 is noise on a developer's laptop.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// A fresh clone has no console/dist: build it (a few seconds) instead of asking for another command.
await ensureConsoleBuilt({ log: console.log });
const runtime = await startLocalRuntime();
const api = (variable: string) => {
  const value = process.env[variable] ?? '';
  return value.startsWith(runtime.url) ? `local sandbox (${value})` : value;
};
console.log(`Omnichannel support is running at ${runtime.url}
  console:    ${runtime.url}/            (pick a demo agent)
  simulator:  ${runtime.url}/simulator   (be the customer on any channel)
  health:     GET  ${runtime.url}/health
  webhooks:   ${Object.values(WEBHOOK_ROUTES)
    .map((route) => `${route.methods.join('|')} ${runtime.url}${route.path}`)
    .join('\n              ')}
  Telegram:   ${api(ENV.telegramApiUrl)}   phone: GET ${runtime.url}/sandbox/telegram/chats/<chat id>
  Meta Graph: ${api(ENV.graphApiUrl)}
  Twilio:     ${api(ENV.twilioApiUrl)}
  data:       ${process.env.LOCAL_DATA_DIR || '.local'}/`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    void runtime.close().then(() => process.exit(0));
  });
}
