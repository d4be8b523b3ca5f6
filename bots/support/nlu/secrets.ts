import { LANGUAGE_WORDS } from './language/words.ts';
import { lexiconVocabulary } from './lexicon/index.ts';
import { fold } from './text/normalise.ts';

/**
 * Finds what a customer should never have pasted into chat, so that the transcript and the logs can
 * redact it (OWASP: never store a password): card numbers (13–19 digits passing Luhn), anything
 * announced as a password/PIN/code ("my password is X", "senha: X", "hasło to X"), a message that is a
 * single password-like token ("Maria1985", "P@ssw0rd"), and password-like tokens inside a sentence.
 *
 * Deliberately NOT secrets: order numbers ("ORD-2024-1234", "#55102", "55102"), tracking numbers,
 * "LINK 123456" (the link flow needs it and it is single-use), e-mails, URLs, amounts, dates, phones.
 */
export interface SecretSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: 'card' | 'announced' | 'token';
}

export const REDACTED = '[redacted]';

const CARD = /(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])/g;
const ANNOUNCED =
  /(?<![\p{L}\p{N}])(password|passwd|pwd|pass|passcode|pin|otp|code|senha|c[oó]digo|has[łl]o|kod|token)(?![\p{L}\p{N}])((?:\s*(?:(?:is|was|é|e|eh|era|to|jest|brzmi)(?![\p{L}\p{N}])|[=:\-–]))*)\s*["'“”„]?([^\s"'“”„]+)/giu;
/** "is", ":", "é", "jest"… between the keyword and the value; Polish "to" only after Polish keywords. */
const CONNECTOR = /[=:\-–]|(?<![\p{L}\p{N}])(is|was|é|e|eh|era|jest|brzmi)(?![\p{L}\p{N}])/iu;
const POLISH_KEYWORD = /^(has[łl]o|kod)$/iu;
/** "tracking code", "order code", "código de rastreio", "kod pocztowy": codes that are not secrets. */
const HARMLESS_CODE_CONTEXT =
  /(tracking|order|pedido|zam[oó]wieni\w*|rastreio|rastreamento|promo|discount|desconto|cupom|coupon|rabat\w*|postal|zip|qr)\W*$/iu;
const HARMLESS_CODE_AFTER =
  /^\s*(de\s+)?(rastreio|rastreamento|promocional|desconto|pedido|pocztow\w*|rabat\w*)/iu;
const TOKEN = /[^\s]+/g;
/** Order numbers: digits, optionally after a short upper-case prefix or a prefix and a separator. */
const ORDER_LIKE = /^#?(?:[A-Z]{1,5}[-_/]?|[A-Za-z]{1,5}[-_/])?\d{3,}(?:[-_/]\d+)*$/;
const EMAIL_OR_URL = /^([^@\s]+@[^@\s]+\.[^@\s]+|https?:\/\/\S+|www\.\S+)$/i;
const AMOUNT_OR_DATE = /^(r\$|zł|pln|brl|usd|eur|\$|€|£)?[\d.,:/-]+(zł|pln|brl|h|x|%)?$/i;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}"'”*]+$/;
const LEADING_PUNCTUATION = /^[([{"'“„*]+/;
/** Words that follow "my password is" without being the password. */
const NOT_A_SECRET = new Set(
  `wrong incorrect invalid not expired blocked locked correct right ok fine the same too very still my your a an
   reset changed working errada errado incorreta invalida bloqueada expirou expirada certa nao nem a o uma um
   meu minha zle zly bledne niepoprawne nieprawidlowe zablokowane wygaslo dobre nie jest moje moj za`.split(
    /\s+/,
  ),
);

let dictionary: ReadonlySet<string> | undefined;

function isDictionaryWord(word: string): boolean {
  dictionary ??= new Set([...lexiconVocabulary(), ...LANGUAGE_WORDS.keys(), ...NOT_A_SECRET]);
  const folded = fold(word).replace(/[^\p{L}\p{N}]/gu, '');
  return folded === '' || dictionary.has(folded);
}

function classes(token: string): { letters: boolean; digits: boolean; count: number } {
  const lower = /\p{Ll}/u.test(token);
  const upper = /\p{Lu}/u.test(token);
  const digits = /\p{N}/u.test(token);
  const symbols = /[^\p{L}\p{N}]/u.test(token);
  return { letters: lower || upper, digits, count: [lower, upper, digits, symbols].filter(Boolean).length };
}

function isBenign(token: string): boolean {
  return ORDER_LIKE.test(token) || EMAIL_OR_URL.test(token) || AMOUNT_OR_DATE.test(token);
}

/** A token that looks like a password: long enough, mixed character classes, not a known word. */
function looksLikePassword(token: string, alone: boolean): boolean {
  const bare = token.replace(TRAILING_PUNCTUATION, '').replace(LEADING_PUNCTUATION, '');
  if (bare.length < 8 || isBenign(bare) || isDictionaryWord(bare)) return false;
  const { letters, digits, count } = classes(bare);
  if (alone) return (letters && digits) || count >= 3;
  // Inside a sentence only a password-like mix counts ("Xk9#mPq2"), not "16-digit" or "2-year".
  const mixedCase = /\p{Ll}/u.test(bare) && /\p{Lu}/u.test(bare);
  const realSymbol = /[^\p{L}\p{N}.-]/u.test(bare);
  return letters && digits && (mixedCase || realSymbol);
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Every secret-looking part of the text, in order, without overlaps. */
export function findSecrets(text: string): SecretSpan[] {
  const input = text.slice(0, 10_000);
  const spans: SecretSpan[] = [];
  for (const match of input.matchAll(CARD)) {
    const digits = match[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) {
      spans.push({ start: match.index, end: match.index + match[0].length, kind: 'card' });
    }
  }
  for (const match of input.matchAll(ANNOUNCED)) {
    const [whole, keyword = '', connectors = '', raw = ''] = match;
    const value = raw.replace(TRAILING_PUNCTUATION, '');
    const announced =
      CONNECTOR.test(connectors) || (POLISH_KEYWORD.test(keyword) && /\bto\b/i.test(connectors));
    const before = input.slice(0, match.index);
    const after = input.slice(match.index + keyword.length);
    if (!value || isDictionaryWord(value) || isBenignCode(value, before, after)) continue;
    // Without "is"/":" the next word is a secret only if it looks like one: "kod 123456", "pass Abc123".
    if (!announced && !/^\d{4,8}$/.test(value) && !(classes(value).letters && classes(value).digits))
      continue;
    const start = match.index + whole.length - raw.length;
    spans.push({ start, end: start + value.length, kind: 'announced' });
  }
  const tokens = [...input.matchAll(TOKEN)];
  for (const match of tokens) {
    if (looksLikePassword(match[0], tokens.length === 1)) {
      const bare = match[0].replace(TRAILING_PUNCTUATION, '');
      spans.push({ start: match.index, end: match.index + bare.length, kind: 'token' });
    }
  }
  return merge(spans);
}

function isBenignCode(value: string, before: string, after: string): boolean {
  if (HARMLESS_CODE_CONTEXT.test(before) || HARMLESS_CODE_AFTER.test(after)) return true;
  // An order number announced as a "code" is still an order number.
  return isBenign(value) && !/^\d{4,8}$/.test(value);
}

function merge(spans: SecretSpan[]): SecretSpan[] {
  const sorted = spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) merged[merged.length - 1] = { ...last, end: span.end };
    } else {
      merged.push(span);
    }
  }
  return merged;
}

/** True when the message contains something that looks like a password, one-time code or card number. */
export function detectsPasswordOrSecret(text: string): boolean {
  return findSecrets(typeof text === 'string' ? text : '').length > 0;
}

/** The text with every secret-looking part replaced by "[redacted]" (the rest kept for the agent). */
export function redactSecrets(text: string): string {
  const input = typeof text === 'string' ? text : '';
  let out = '';
  let cursor = 0;
  for (const span of findSecrets(input)) {
    out += input.slice(cursor, span.start) + REDACTED;
    cursor = span.end;
  }
  return out + input.slice(cursor);
}
