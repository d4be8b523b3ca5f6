import { isSameSecret } from '../secret-compare.ts';

/** Telegram sends the `secret_token` given to setWebhook in this header on every update. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/** Whether the request carries our webhook secret (constant time, never throws). */
export function isAuthenticTelegramRequest(
  headers: Readonly<Record<string, string | undefined>>,
  expectedSecret: string,
): boolean {
  return isSameSecret(headers[TELEGRAM_SECRET_HEADER], expectedSecret);
}
