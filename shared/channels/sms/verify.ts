import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { readFormParams } from './form.ts';
import { signedUrlVariants } from './signed-url.ts';
import type { TwilioWebhookParams } from './wire-types.ts';

/** Twilio signs every webhook in this header (the HTTP layer lower-cases names). */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
/** JSON webhooks carry the body's SHA-256 (hex) in this query parameter; the URL alone is signed. */
const BODY_HASH_PARAM = 'bodySHA256';

export interface TwilioRequestToCheck {
  readonly authToken: string;
  /** The X-Twilio-Signature header value, if any. */
  readonly signature: string | undefined;
  /** The full public URL Twilio called, query string included (see twilioWebhookUrl). */
  readonly url: string;
  readonly rawBody: Buffer;
}

/**
 * base64(HMAC-SHA1(auth token, url + every parameter's name and value, sorted by name)). Repeated
 * names contribute each distinct value once, values sorted, as Twilio's own validators do. Used by
 * the verifier, tests, the local simulator and the load tool.
 */
export function signTwilioRequest(
  authToken: string,
  url: string,
  params: TwilioWebhookParams | Readonly<Record<string, string | readonly string[]>>,
): string {
  const entries: [string, readonly string[]][] =
    params instanceof Map
      ? [...params.entries()]
      : Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? [value] : value]);
  // Sorted by UTF-16 code unit, the order Twilio's reference implementations use.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let data = url;
  for (const [name, values] of entries) {
    for (const value of [...new Set(values)].sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** A JSON webhook as Twilio signs it: the body's hash goes into the URL, and only the URL is signed. */
export function signTwilioJsonRequest(
  authToken: string,
  url: string,
  body: string | Buffer,
): { url: string; signature: string } {
  const separator = url.includes('?') ? '&' : '?';
  const signedUrl = `${url}${separator}${BODY_HASH_PARAM}=${sha256Hex(body)}`;
  return { url: signedUrl, signature: signTwilioRequest(authToken, signedUrl, {}) };
}

/**
 * Whether Twilio signed this request with our auth token. Every received parameter takes part
 * (Twilio adds parameters without notice, so there is no whitelist). Constant time per comparison,
 * lengths checked first so no header value can throw; missing or wrong → false.
 */
export function isAuthenticTwilioRequest(request: TwilioRequestToCheck): boolean {
  const { authToken, signature, url, rawBody } = request;
  if (!authToken || !signature) return false;
  const received = Buffer.from(signature, 'utf8');
  const bodyHash = bodyHashParam(url);
  if (bodyHash !== undefined && !sameBytes(Buffer.from(bodyHash, 'utf8'), Buffer.from(sha256Hex(rawBody))))
    return false;
  // A JSON body is vouched for by its hash in the URL; a form body by its parameters.
  const params = bodyHash !== undefined ? new Map() : readFormParams(rawBody.toString('utf8'));
  let authentic = false;
  for (const variant of signedUrlVariants(url)) {
    const expected = Buffer.from(signTwilioRequest(authToken, variant, params), 'utf8');
    if (sameBytes(received, expected)) authentic = true;
  }
  return authentic;
}

function bodyHashParam(url: string): string | undefined {
  const query = url.split('#')[0]?.split('?').slice(1).join('?') ?? '';
  return new URLSearchParams(query).get(BODY_HASH_PARAM) ?? undefined;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function sha256Hex(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
