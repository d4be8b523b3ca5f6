import { createHmac } from 'node:crypto';
import { isSameSecret } from '../secret-compare.ts';

/** Meta (WhatsApp and Messenger) signs every webhook POST in this header; the legacy sha1 one is ignored. */
export const META_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * The header value Meta sends: `sha256=<lowercase hex HMAC-SHA256(app secret, raw body)>`. Used by
 * tests, the local simulator and the load tool to sign what they post.
 */
export function signMetaBody(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/**
 * Whether the body was signed with our app secret: computed over the bytes as received (Meta signs
 * its escaped-unicode JSON; re-serialising would not match), compared in constant time.
 */
export function isAuthenticMetaRequest(
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  appSecret: string,
): boolean {
  if (appSecret.length === 0) return false;
  return isSameSecret(headers[META_SIGNATURE_HEADER], signMetaBody(rawBody, appSecret));
}
