/**
 * What must never reach a log line: customers' phone numbers and e-mail addresses, what they wrote,
 * and credentials. Pure functions, so the logger and its tests share one definition.
 *
 * Two layers: keys that by their name hold message text or a credential are replaced whole, and every
 * other string is scanned for phone numbers, e-mail addresses and token shapes.
 */

export const REDACTED = '[redacted]';
export const REDACTED_PHONE = '[phone]';
export const REDACTED_EMAIL = '[email]';
export const REDACTED_TOKEN = '[token]';

/** Keys whose values are what a customer or an agent wrote (normalised: lower case, no `_` or `-`). */
const TEXT_KEYS = new Set([
  'text',
  'body',
  'rawbody',
  'caption',
  'message',
  'messages',
  'comment',
  'summary',
  'content',
  'description',
  'payload',
  'rawtext',
  'reply',
  'replies',
  'quickreplies',
]);

/** Keys whose values are contacts or platform addresses of a person. */
const CONTACT_KEYS = new Set([
  'phone',
  'phonenumber',
  'phones',
  'verifiedphones',
  'email',
  'emails',
  'verifiedemails',
  'waid',
  'msisdn',
  'from',
  'to',
  'address',
  'recipient',
  'accounthint',
  'displayname',
  'firstname',
  'lastname',
  'username',
  'name',
]);

/** Key fragments that name a credential anywhere in the key (`botToken`, `x-hub-signature-256`, ...). */
const SECRET_KEY_PATTERN = /token|secret|password|passwd|authorization|signature|apikey|credential|cookie/;

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[_-]/g, '');
}

/** Whether a key's whole value is withheld (text, contacts or credentials). */
export function isSensitiveKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return TEXT_KEYS.has(normalised) || CONTACT_KEYS.has(normalised) || SECRET_KEY_PATTERN.test(normalised);
}

const TOKEN_PATTERNS: readonly RegExp[] = [
  // Telegram bot token: `<bot id>:<35 characters>`.
  /\d{6,}:[A-Za-z0-9_-]{30,}/g,
  // Meta (Graph) access tokens start with EAA.
  /\bEAA[A-Za-z0-9]{20,}/g,
  // HTTP credentials quoted in an error.
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  // A credential in a query string or form body: access_token=..., secret_token=..., api_key=...
  /\b([A-Za-z_]*(?:token|secret|password|key|signature)[A-Za-z_]*)=[^&\s"']+/gi,
];

const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * Phone numbers, tried in order:
 * - international (E.164 and written with spaces, dots, dashes or brackets): `+` then 7-15 digits;
 * - national numbers written in groups: `(555) 123-4567`, `555-123-4567`, `020 7946 0958`;
 * - a bare run of 10-15 digits: WhatsApp wa_ids and SMS numbers without their `+`.
 * Lookarounds keep digits inside words and ids (`wamid.ABC123...`, `sha256-…`) alone.
 */
const PHONE_PATTERNS: readonly RegExp[] = [
  /(?<![\w+])\+[\s(]*\d(?:[\s().-]*\d){6,14}(?!\w)/g,
  /(?<![\w./-])\(?\d{2,5}\)?[\s.-]\d{3,4}[\s.-]\d{3,5}(?![\w-])/g,
  /(?<![\w./-])\d{10,15}(?![\w-])/g,
];

/** Masks phone numbers, e-mail addresses and token shapes inside free text (an error message, a URL). */
export function redactText(text: string): string {
  let redacted = text;
  for (const pattern of TOKEN_PATTERNS) {
    redacted = redacted.replace(pattern, (match, name?: string) =>
      match.includes('=') && name ? `${name}=${REDACTED_TOKEN}` : REDACTED_TOKEN,
    );
  }
  redacted = redacted.replace(EMAIL_PATTERN, REDACTED_EMAIL);
  for (const pattern of PHONE_PATTERNS) redacted = redacted.replace(pattern, REDACTED_PHONE);
  return redacted;
}

/** A withheld value keeps its shape (how long, how many) so a log still tells something happened. */
function withheld(value: unknown): string {
  if (typeof value === 'string') return `${REDACTED} (${value.length} chars)`;
  if (Array.isArray(value)) return `${REDACTED} (${value.length} items)`;
  return REDACTED;
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` fit for a log line: sensitive keys withheld, every other string scanned. Errors
 * become plain objects whose name survives and whose message and stack are scanned (an error message
 * may quote a URL with a token in it, or a customer's number).
 */
export function redactValue(value: unknown, seen: WeakSet<object> = new WeakSet(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (value instanceof Date) return value;
  if (value instanceof Error) return redactError(value, seen, depth);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSensitiveKey(key) ? withheld(item) : redactValue(item, seen, depth + 1);
  }
  return copy;
}

function redactError(error: Error, seen: WeakSet<object>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {
    name: error.name,
    message: redactText(error.message),
    ...(error.stack ? { stack: redactText(error.stack) } : {}),
  };
  if (error.cause !== undefined) copy.cause = redactValue(error.cause, seen, depth + 1);
  for (const [key, item] of Object.entries(error)) {
    if (key === 'name' || key === 'message' || key === 'stack' || key === 'cause') continue;
    copy[key] = isSensitiveKey(key) ? withheld(item) : redactValue(item, seen, depth + 1);
  }
  return copy;
}
