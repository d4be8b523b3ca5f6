import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs every webhook POST with the app secret; the legacy sha1 `x-hub-signature` is ignored. */
export const MESSENGER_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * The header value Meta sends for this body: `sha256=` and the lowercase hex HMAC-SHA256 of the
 * exact bytes with the app secret. Used by tests, the local simulator and the load tool.
 */
export function signMessengerBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Whether the body was signed with our app secret. Computed over the raw bytes (Meta signs the
 * bytes it sent, with non-ASCII escaped; re-serialised JSON would not match) and compared in
 * constant time. The byte lengths are compared first because timingSafeEqual throws on unequal
 * buffers: no header value can turn into a 500.
 */
export function isAuthenticMessengerRequest(
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  appSecret: string,
): boolean {
  const received = headers[MESSENGER_SIGNATURE_HEADER];
  if (received === undefined || appSecret.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(signMessengerBody(rawBody, appSecret), 'utf8');
  if (receivedBytes.length !== expectedBytes.length) return false;
  return timingSafeEqual(receivedBytes, expectedBytes);
}
