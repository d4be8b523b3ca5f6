import { timingSafeEqual } from 'node:crypto';

/** Telegram sends the `secret_token` given to setWebhook in this header on every update. */
export const TELEGRAM_SECRET_HEADER = 'x-telegram-bot-api-secret-token';

/**
 * Whether the request carries our webhook secret. Constant time over equal lengths; a length
 * mismatch is rejected first because timingSafeEqual throws on unequal buffers (never a 500).
 */
export function isAuthenticTelegramRequest(
  headers: Readonly<Record<string, string | undefined>>,
  expectedSecret: string,
): boolean {
  const received = headers[TELEGRAM_SECRET_HEADER];
  if (received === undefined || expectedSecret.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(expectedSecret, 'utf8');
  if (receivedBytes.length !== expectedBytes.length) return false;
  return timingSafeEqual(receivedBytes, expectedBytes);
}
