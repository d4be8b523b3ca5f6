import { randomBytes } from 'node:crypto';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';

/** The channel secret's placeholder (infra/aws/constructs/channel-secret.ts): not a credential yet. */
const PLACEHOLDER = 'replace-me';

export interface GoLiveSettings {
  /** Public base URL of the webhook API, without a trailing slash. */
  readonly baseUrl: string;
  readonly channels: readonly WebhookChannel[];
  /** Channel credentials by their names (TELEGRAM_BOT_TOKEN, ...), from the secret or the environment. */
  readonly credentials: Readonly<Record<string, string | undefined>>;
  /** Telegram Bot API base (TELEGRAM_API_URL; the local sandbox in tests). */
  readonly telegramApiUrl: string;
  /** Twilio REST API base (TWILIO_API_URL). */
  readonly twilioApiUrl: string;
}

export interface GoLiveIo {
  readonly fetch: typeof globalThis.fetch;
  readonly print: (line: string) => void;
}

/** The URL a platform must call for a channel. */
export function webhookUrl(settings: Pick<GoLiveSettings, 'baseUrl'>, channel: WebhookChannel): string {
  return `${settings.baseUrl.replace(/\/+$/, '')}${WEBHOOK_ROUTES[channel].path}`;
}

function credential(settings: GoLiveSettings, name: string): string | undefined {
  const value = settings.credentials[name];
  return value && value !== PLACEHOLDER ? value : undefined;
}

/** Bot tokens live in Telegram's URLs: never let one reach the terminal through an error message. */
function withoutToken(text: string, token: string): string {
  return text.split(token).join('<bot token>');
}

interface TelegramAnswer {
  ok: boolean;
  description?: string;
  result?: unknown;
}

async function telegramCall(
  settings: GoLiveSettings,
  io: GoLiveIo,
  token: string,
  method: string,
  params: Record<string, unknown>,
): Promise<TelegramAnswer> {
  const base = settings.telegramApiUrl.replace(/\/+$/, '');
  try {
    const response = await io.fetch(`${base}/bot${token}/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
    });
    return (await response.json()) as TelegramAnswer;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, description: withoutToken(message, token) };
  }
}

/**
 * Go-live step one: Telegram is registered through its API (setWebhook with the secret token the
 * webhook checks); Meta and Twilio have no API for it with the credentials the layer holds, so the
 * exact values to paste are printed. Resolves false when something could not be done.
 */
export async function registerWebhooks(settings: GoLiveSettings, io: GoLiveIo): Promise<boolean> {
  let ok = true;
  for (const channel of settings.channels) {
    const url = webhookUrl(settings, channel);
    switch (channel) {
      case 'telegram': {
        const token = credential(settings, 'TELEGRAM_BOT_TOKEN');
        const secretToken = credential(settings, 'TELEGRAM_WEBHOOK_SECRET');
        if (!token || !secretToken) {
          io.print(
            'telegram: TELEGRAM_BOT_TOKEN or TELEGRAM_WEBHOOK_SECRET is not set yet; put them in the channel secret first',
          );
          ok = false;
          break;
        }
        const answer = await telegramCall(settings, io, token, 'setWebhook', {
          url,
          secret_token: secretToken,
        });
        if (answer.ok)
          io.print(`telegram: setWebhook ok → ${url} (with the secret token from the channel secret)`);
        else {
          io.print(
            `telegram: setWebhook failed: ${withoutToken(answer.description ?? 'no description', token)}`,
          );
          ok = false;
        }
        break;
      }
      case 'whatsapp':
        io.print(
          [
            'whatsapp: Meta app dashboard → WhatsApp → Configuration → Webhook → Edit',
            `  Callback URL: ${url}`,
            `  Verify token: ${credential(settings, 'WHATSAPP_VERIFY_TOKEN') ?? '<set WHATSAPP_VERIFY_TOKEN in the channel secret first>'}`,
            '  Verify and save, then subscribe the webhook field: messages',
          ].join('\n'),
        );
        break;
      case 'messenger':
        io.print(
          [
            'messenger: Meta app dashboard → Messenger → Settings → Webhooks',
            `  Callback URL: ${url}`,
            `  Verify token: ${credential(settings, 'MESSENGER_VERIFY_TOKEN') ?? '<set MESSENGER_VERIFY_TOKEN in the channel secret first>'}`,
            '  Subscribe the Page to: messages, message_echoes, messaging_postbacks, message_deliveries, message_reads, message_reactions, message_edits',
          ].join('\n'),
        );
        break;
      case 'sms':
        io.print(
          [
            'sms: Twilio Console → Phone Numbers → Manage → Active numbers → your number → Messaging configuration',
            `  A message comes in: Webhook ${url}  HTTP POST`,
            '  (delivery reports come to the same URL: the sender sets StatusCallback on every message)',
          ].join('\n'),
        );
        break;
    }
  }
  return ok;
}

/**
 * Go-live step two: asks each platform what it has registered where it has an API for it (Telegram
 * getWebhookInfo, Twilio IncomingPhoneNumbers), and for Meta replays the subscription handshake
 * against our own endpoint, which is what Meta's "Verify and save" does. Resolves false on a mismatch.
 */
export async function checkWebhooks(settings: GoLiveSettings, io: GoLiveIo): Promise<boolean> {
  let ok = true;
  for (const channel of settings.channels) {
    const url = webhookUrl(settings, channel);
    switch (channel) {
      case 'telegram':
        ok = (await checkTelegram(settings, io, url)) && ok;
        break;
      case 'whatsapp':
      case 'messenger':
        ok = (await checkMetaHandshake(settings, io, channel, url)) && ok;
        io.print(
          `${channel}: Meta offers no check with the credentials stored here: in the app dashboard, confirm the callback URL is ${url} and the fields listed by \`register\` are subscribed`,
        );
        break;
      case 'sms':
        ok = (await checkTwilio(settings, io, url)) && ok;
        break;
    }
  }
  return ok;
}

async function checkTelegram(settings: GoLiveSettings, io: GoLiveIo, url: string): Promise<boolean> {
  const token = credential(settings, 'TELEGRAM_BOT_TOKEN');
  if (!token) {
    io.print('telegram: TELEGRAM_BOT_TOKEN is not set yet');
    return false;
  }
  const answer = await telegramCall(settings, io, token, 'getWebhookInfo', {});
  if (!answer.ok) {
    io.print(
      `telegram: getWebhookInfo failed: ${withoutToken(answer.description ?? 'no description', token)}`,
    );
    return false;
  }
  const info = (answer.result ?? {}) as {
    url?: string;
    pending_update_count?: number;
    last_error_message?: string;
    last_error_date?: number;
  };
  if (info.url !== url) {
    io.print(
      `telegram: NOT registered here: Telegram sends updates to ${info.url || '(nowhere)'}, expected ${url}`,
    );
    return false;
  }
  const lastError =
    info.last_error_message && info.last_error_date
      ? `; last delivery error ${new Date(info.last_error_date * 1000).toISOString()}: ${info.last_error_message}`
      : '';
  io.print(`telegram: ok → ${url} (${info.pending_update_count ?? 0} updates pending${lastError})`);
  return true;
}

async function checkMetaHandshake(
  settings: GoLiveSettings,
  io: GoLiveIo,
  channel: 'whatsapp' | 'messenger',
  url: string,
): Promise<boolean> {
  const name = channel === 'whatsapp' ? 'WHATSAPP_VERIFY_TOKEN' : 'MESSENGER_VERIFY_TOKEN';
  const verifyToken = credential(settings, name);
  if (!verifyToken) {
    io.print(`${channel}: ${name} is not set yet`);
    return false;
  }
  const challenge = randomBytes(8).toString('hex');
  const query = new URLSearchParams({
    'hub.mode': 'subscribe',
    'hub.verify_token': verifyToken,
    'hub.challenge': challenge,
  });
  try {
    const response = await io.fetch(`${url}?${query}`);
    const body = await response.text();
    if (response.status === 200 && body === challenge) {
      io.print(`${channel}: ok → ${url} answers Meta's verification handshake with this verify token`);
      return true;
    }
    io.print(
      `${channel}: ${url} answered the verification handshake with ${response.status}, not the challenge`,
    );
  } catch (error) {
    io.print(
      `${channel}: ${url} could not be reached: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return false;
}

async function checkTwilio(settings: GoLiveSettings, io: GoLiveIo, url: string): Promise<boolean> {
  const sid = credential(settings, 'TWILIO_ACCOUNT_SID');
  const token = credential(settings, 'TWILIO_AUTH_TOKEN');
  if (!sid || !token) {
    io.print('sms: TWILIO_ACCOUNT_SID or TWILIO_AUTH_TOKEN is not set yet');
    return false;
  }
  const base = settings.twilioApiUrl.replace(/\/+$/, '');
  const endpoint = `${base}/2010-04-01/Accounts/${encodeURIComponent(sid)}/IncomingPhoneNumbers.json?PageSize=1000`;
  try {
    const response = await io.fetch(endpoint, {
      headers: { authorization: `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}` },
    });
    if (response.status !== 200) {
      io.print(`sms: Twilio answered ${response.status} to the phone number list`);
      return false;
    }
    const { incoming_phone_numbers: numbers = [] } = (await response.json()) as {
      incoming_phone_numbers?: { phone_number: string; sms_url?: string }[];
    };
    const ours = numbers.filter((number) => number.sms_url === url);
    if (ours.length === 0) {
      io.print(`sms: NOT registered here: none of the account's ${numbers.length} numbers posts to ${url}`);
      return false;
    }
    const others = numbers.length - ours.length;
    io.print(
      `sms: ok → ${ours.length} number(s) post to ${url}${others > 0 ? `; ${others} other number(s) post elsewhere` : ''}`,
    );
    return true;
  } catch (error) {
    io.print(`sms: Twilio could not be reached: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
