import { optionalEnv, requireEnv } from '../config.ts';
import { ENV } from '../definitions.ts';
import type { Channel } from '../domain/channel.ts';

/** Secret names per channel: environment variables locally, keys of the channel secret (JSON) on AWS. */
export const CHANNEL_SECRET_NAMES = {
  telegram: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET'],
  whatsapp: ['WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_ACCESS_TOKEN'],
  messenger: ['MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN', 'MESSENGER_PAGE_ACCESS_TOKEN'],
  sms: ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN'],
} as const satisfies Record<Channel, readonly string[]>;

export type ChannelSecrets<C extends Channel> = Record<(typeof CHANNEL_SECRET_NAMES)[C][number], string>;

/** Cached for five minutes; a failed signature check refetches at once (rotation). */
const SECRET_MAX_AGE_SECONDS = 300;

/**
 * A channel's credentials. On AWS they live in one Secrets Manager secret (JSON) whose ARN is in
 * CHANNEL_SECRET_ARN; locally they come from environment variables of the same names. A missing
 * name throws with the name in the message (never the value).
 */
export async function channelSecrets<C extends Channel>(
  channel: C,
  options: { refresh?: boolean } = {},
): Promise<ChannelSecrets<C>> {
  const names: readonly string[] = CHANNEL_SECRET_NAMES[channel];
  const secretArn = optionalEnv(ENV.channelSecretArn);
  if (!secretArn)
    return Object.fromEntries(names.map((name) => [name, requireEnv(name)])) as ChannelSecrets<C>;
  // Loaded lazily so the local runtime and tests never touch Secrets Manager.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret<Record<string, string>>(secretArn, {
    transform: 'json',
    maxAge: SECRET_MAX_AGE_SECONDS,
    forceFetch: options.refresh === true,
  });
  const missing = names.filter((name) => !secret?.[name]);
  if (missing.length > 0) throw new Error(`Channel secret lacks ${missing.join(', ')}`);
  return Object.fromEntries(names.map((name) => [name, secret?.[name] as string])) as ChannelSecrets<C>;
}

export interface TelegramCredentials {
  readonly botToken: string;
  readonly webhookSecret: string;
}

export async function telegramCredentials(options: { refresh?: boolean } = {}): Promise<TelegramCredentials> {
  const secrets = await channelSecrets('telegram', options);
  return { botToken: secrets.TELEGRAM_BOT_TOKEN, webhookSecret: secrets.TELEGRAM_WEBHOOK_SECRET };
}

/** Where a channel's API lives: the platform by default, the local sandbox or a test server otherwise. */
export function apiBaseUrl(variable: string, platformDefault: string): string {
  return optionalEnv(variable) ?? platformDefault;
}
