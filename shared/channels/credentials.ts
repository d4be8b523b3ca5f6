import { optionalEnv, requireEnv } from '../config.ts';
import { ENV } from '../definitions.ts';

export interface TelegramCredentials {
  readonly botToken: string;
  readonly webhookSecret: string;
}

/** Cached for five minutes; a failed signature check refetches at once (rotation). */
const SECRET_MAX_AGE_SECONDS = 300;

/**
 * Channel credentials. On AWS they live in one Secrets Manager secret (JSON) whose ARN is in
 * CHANNEL_SECRET_ARN; locally they come from environment variables of the same names.
 */
export async function telegramCredentials(options: { refresh?: boolean } = {}): Promise<TelegramCredentials> {
  const secretArn = optionalEnv(ENV.channelSecretArn);
  if (!secretArn) {
    return {
      botToken: requireEnv(ENV.telegramBotToken),
      webhookSecret: requireEnv(ENV.telegramWebhookSecret),
    };
  }
  // Loaded lazily so the local runtime and tests never touch Secrets Manager.
  const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
  const secret = await getSecret<Record<string, string>>(secretArn, {
    transform: 'json',
    maxAge: SECRET_MAX_AGE_SECONDS,
    forceFetch: options.refresh === true,
  });
  const botToken = secret?.[ENV.telegramBotToken];
  const webhookSecret = secret?.[ENV.telegramWebhookSecret];
  if (!botToken || !webhookSecret) {
    throw new Error(`Channel secret lacks ${ENV.telegramBotToken} or ${ENV.telegramWebhookSecret}`);
  }
  return { botToken, webhookSecret };
}
