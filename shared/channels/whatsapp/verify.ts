import { createHmac, timingSafeEqual } from 'node:crypto';

/** Meta signs every webhook POST with the app secret in this header (lower-cased by the HTTP layer). */
export const WHATSAPP_SIGNATURE_HEADER = 'x-hub-signature-256';

const PREFIX = 'sha256=';
/** `sha256=` and 64 hex digits. */
const SIGNATURE_LENGTH = PREFIX.length + 64;

/**
 * The header value Meta sends: `sha256=<lowercase hex HMAC-SHA256(app secret, raw body)>`. Used by
 * tests, the local simulator and the load tool to sign what they post.
 */
export function signWhatsappBody(rawBody: Buffer | string, appSecret: string): string {
  return `${PREFIX}${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Whether the body was signed with our app secret. Computed over the bytes as received (Meta signs
 * its escaped-unicode JSON; re-serialising would not match), compared in constant time. Any header
 * value is checked for its exact length first, so nothing a caller sends can make this throw.
 */
export function isAuthenticWhatsappRequest(
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  appSecret: string,
): boolean {
  const received = headers[WHATSAPP_SIGNATURE_HEADER];
  if (received === undefined || appSecret.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  // Meta sends lower-case hex only; anything else is not its signature.
  if (receivedBytes.length !== SIGNATURE_LENGTH) return false;
  const expected = Buffer.from(signWhatsappBody(rawBody, appSecret), 'utf8');
  return timingSafeEqual(receivedBytes, expected);
}

/**
 * Whether a GET handshake carries our verify token (constant time; unequal lengths rejected first).
 */
export function isWhatsappVerifyToken(received: string | undefined, verifyToken: string): boolean {
  if (received === undefined || verifyToken.length === 0) return false;
  const receivedBytes = Buffer.from(received, 'utf8');
  const expectedBytes = Buffer.from(verifyToken, 'utf8');
  if (receivedBytes.length !== expectedBytes.length) return false;
  return timingSafeEqual(receivedBytes, expectedBytes);
}
