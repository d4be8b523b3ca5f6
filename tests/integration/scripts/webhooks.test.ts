import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../infra/aws/paths.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../../infra/local/runtime.ts';
import { SANDBOX_PATHS } from '../../../infra/local/sandbox/platform-sandboxes.ts';
import { checkWebhooks, type GoLiveSettings, registerWebhooks } from '../../../scripts/webhooks/go-live.ts';
import { settingsFromEnvironment } from '../../../scripts/webhooks/settings.ts';

let runtime: LocalRuntime;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  runtime = await startLocalRuntime({
    PORT: '0',
    LOCAL_DATA_DIR: mkdtempSync(join(tmpdir(), 'omni-webhooks-')),
  });
  env = {
    ...LOCAL_DEFAULTS,
    TELEGRAM_API_URL: `${runtime.url}${SANDBOX_PATHS.telegram}`,
    TWILIO_API_URL: `${runtime.url}${SANDBOX_PATHS.twilio}`,
  };
});
afterAll(async () => runtime.close());

function run(command: typeof registerWebhooks, settings: GoLiveSettings) {
  const printed: string[] = [];
  const result = command(settings, { fetch: globalThis.fetch, print: (line) => printed.push(line) });
  return result.then((ok) => ({ ok, output: printed.join('\n') }));
}

describe('npm run webhooks', () => {
  it('register sets the Telegram webhook with the secret token and prints what to paste for Meta and Twilio', async () => {
    const settings = settingsFromEnvironment(
      `${runtime.url}/`,
      ['telegram', 'whatsapp', 'messenger', 'sms'],
      env,
    );
    const { ok, output } = await run(registerWebhooks, settings);
    expect(ok).toBe(true);
    expect(runtime.sandboxes.telegram.registeredWebhook()).toEqual({
      url: `${runtime.url}/webhooks/telegram`,
      secretToken: LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
    });
    expect(output).toContain(`Callback URL: ${runtime.url}/webhooks/whatsapp`);
    expect(output).toContain(`Verify token: ${LOCAL_DEFAULTS.WHATSAPP_VERIFY_TOKEN}`);
    expect(output).toContain(`Callback URL: ${runtime.url}/webhooks/messenger`);
    expect(output).toContain(`Verify token: ${LOCAL_DEFAULTS.MESSENGER_VERIFY_TOKEN}`);
    expect(output).toContain(`Webhook ${runtime.url}/webhooks/sms  HTTP POST`);
    // The bot token and the webhook secret are for the platform, not the terminal.
    expect(output).not.toContain(LOCAL_DEFAULTS.TELEGRAM_BOT_TOKEN);
    expect(output).not.toContain(LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET);
  });

  it('check confirms Telegram, replays the Meta handshake against the webhook, and finds the Twilio number', async () => {
    const settings = settingsFromEnvironment(runtime.url, ['telegram', 'whatsapp', 'messenger', 'sms'], env);
    await run(registerWebhooks, settings);

    const before = await run(checkWebhooks, settings);
    expect(before.ok).toBe(false);
    expect(before.output).toContain('sms: NOT registered here');

    runtime.sandboxes.twilio.setIncomingNumber('+15005550006', `${runtime.url}/webhooks/sms`);
    runtime.sandboxes.twilio.setIncomingNumber('+15005550007', 'https://old.example.com/sms');
    const after = await run(checkWebhooks, settings);
    expect(after.output).toContain(`telegram: ok → ${runtime.url}/webhooks/telegram`);
    expect(after.output).toContain('whatsapp: ok');
    expect(after.output).toContain('messenger: ok');
    expect(after.output).toContain('sms: ok → 1 number(s)');
    expect(after.ok).toBe(true);
  });

  it('check reports a Telegram webhook registered somewhere else, and a wrong verify token', async () => {
    const settings = settingsFromEnvironment(runtime.url, ['telegram', 'whatsapp'], {
      ...env,
      WHATSAPP_VERIFY_TOKEN: 'not-the-deployed-token',
    });
    await run(registerWebhooks, settingsFromEnvironment('https://elsewhere.example.com', ['telegram'], env));
    const { ok, output } = await run(checkWebhooks, settings);
    expect(ok).toBe(false);
    expect(output).toContain(
      'telegram: NOT registered here: Telegram sends updates to https://elsewhere.example.com/webhooks/telegram',
    );
    expect(output).toMatch(/whatsapp: .* answered the verification handshake with 403/);
  });

  it('register refuses placeholders and reports Telegram refusing a plain-http public URL', async () => {
    const placeholders = await run(
      registerWebhooks,
      settingsFromEnvironment(runtime.url, ['telegram'], { ...env, TELEGRAM_BOT_TOKEN: 'replace-me' }),
    );
    expect(placeholders.ok).toBe(false);
    expect(placeholders.output).toContain('not set yet');

    const insecure = await run(
      registerWebhooks,
      settingsFromEnvironment('http://hooks.example.com', ['telegram'], env),
    );
    expect(insecure.ok).toBe(false);
    expect(insecure.output).toContain('An HTTPS URL must be provided');
  });

  it('runs as the npm script with --base-url and exits 0', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/webhooks.ts',
        'register',
        '--base-url',
        runtime.url,
        '--channels',
        'telegram,sms',
      ],
      { cwd: REPO_ROOT, env: { ...process.env, ...env } },
    );
    expect(stdout).toContain('telegram: setWebhook ok');
    expect(stdout).toContain('sms: Twilio Console');
    expect(stdout).not.toContain('whatsapp');
  });
});
