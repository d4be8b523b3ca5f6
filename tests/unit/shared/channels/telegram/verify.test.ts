import { describe, expect, it } from 'vitest';
import {
  isAuthenticTelegramRequest,
  TELEGRAM_SECRET_HEADER,
} from '../../../../../shared/channels/telegram/verify.ts';
import { AWKWARD_ALPHABET, SECRET_TOKEN_ALPHABET, seededRandom } from '../../../helpers/seeded-random.ts';

const SECRET = 'Wh00k-s3cret_Token-2026';

function withSecretHeader(value: string | undefined): Record<string, string | undefined> {
  return { 'content-type': 'application/json', [TELEGRAM_SECRET_HEADER]: value };
}

describe('isAuthenticTelegramRequest', () => {
  it('reads the lower-cased X-Telegram-Bot-Api-Secret-Token header (the HTTP layer lower-cases names)', () => {
    expect(TELEGRAM_SECRET_HEADER).toBe('x-telegram-bot-api-secret-token');
  });

  it('accepts the exact secret', () => {
    expect(isAuthenticTelegramRequest(withSecretHeader(SECRET), SECRET)).toBe(true);
  });

  it('accepts a secret of the maximum length Telegram allows (256 characters)', () => {
    const longest = `${'a-Z_9'.repeat(51)}x`;
    expect(longest).toHaveLength(256);
    expect(isAuthenticTelegramRequest(withSecretHeader(longest), longest)).toBe(true);
  });

  it('rejects a request without the secret header', () => {
    expect(isAuthenticTelegramRequest({ 'content-type': 'application/json' }, SECRET)).toBe(false);
    expect(isAuthenticTelegramRequest({}, SECRET)).toBe(false);
    expect(isAuthenticTelegramRequest(withSecretHeader(undefined), SECRET)).toBe(false);
  });

  it('rejects the secret sent under another header name', () => {
    expect(isAuthenticTelegramRequest({ authorization: SECRET, 'x-secret-token': SECRET }, SECRET)).toBe(
      false,
    );
  });

  it('rejects an empty header value', () => {
    expect(isAuthenticTelegramRequest(withSecretHeader(''), SECRET)).toBe(false);
  });

  it('rejects a wrong secret of the same length', () => {
    const lastCharFlipped = `${SECRET.slice(0, -1)}${SECRET.endsWith('6') ? '7' : '6'}`;
    const firstCharFlipped = `X${SECRET.slice(1)}`;
    for (const wrong of [lastCharFlipped, firstCharFlipped, SECRET.toLowerCase(), SECRET.toUpperCase()]) {
      expect(wrong).toHaveLength(SECRET.length);
      expect(wrong).not.toBe(SECRET);
      expect(isAuthenticTelegramRequest(withSecretHeader(wrong), SECRET)).toBe(false);
    }
  });

  it('rejects a shorter secret (a prefix of the real one) without throwing', () => {
    for (let length = 1; length < SECRET.length; length++) {
      expect(isAuthenticTelegramRequest(withSecretHeader(SECRET.slice(0, length)), SECRET)).toBe(false);
    }
  });

  it('rejects a longer secret (the real one plus more) without throwing', () => {
    for (const longer of [`${SECRET}x`, `${SECRET} `, ` ${SECRET}`, `${SECRET}\n`, SECRET.repeat(2)]) {
      expect(isAuthenticTelegramRequest(withSecretHeader(longer), SECRET)).toBe(false);
    }
  });

  it('rejects multi-byte text with the same character count but a different byte length without throwing', () => {
    // Same number of UTF-16 code units as the secret, more UTF-8 bytes: timingSafeEqual would throw on it.
    const polish = `${SECRET.slice(0, -1)}ł`;
    const emoji = `${SECRET.slice(0, -2)}😀`;
    for (const candidate of [polish, emoji]) {
      expect(candidate).toHaveLength(SECRET.length);
      expect(Buffer.byteLength(candidate, 'utf8')).not.toBe(Buffer.byteLength(SECRET, 'utf8'));
      expect(() => isAuthenticTelegramRequest(withSecretHeader(candidate), SECRET)).not.toThrow();
      expect(isAuthenticTelegramRequest(withSecretHeader(candidate), SECRET)).toBe(false);
    }
  });

  it('rejects multi-byte text whose byte length equals the secret byte length', () => {
    // 'ł' is two bytes: 'ab' and 'ł' have the same byte length and must still differ.
    expect(isAuthenticTelegramRequest(withSecretHeader('ł'), 'ab')).toBe(false);
    expect(isAuthenticTelegramRequest(withSecretHeader(`${SECRET.slice(0, -2)}ł`), SECRET)).toBe(false);
  });

  it('rejects every request when the expected secret is empty (misconfiguration fails closed)', () => {
    expect(isAuthenticTelegramRequest(withSecretHeader(''), '')).toBe(false);
    expect(isAuthenticTelegramRequest(withSecretHeader(SECRET), '')).toBe(false);
    expect(isAuthenticTelegramRequest({}, '')).toBe(false);
  });

  it('never throws for awkward header values', () => {
    const awkward = [
      '\0',
      '\uD800',
      '\uDFFF',
      '\uFFFD'.repeat(SECRET.length),
      '😀'.repeat(SECRET.length),
      ' '.repeat(SECRET.length),
      'x'.repeat(1_000_000),
      'ł'.repeat(100_000),
    ];
    for (const value of awkward) {
      expect(() => isAuthenticTelegramRequest(withSecretHeader(value), SECRET)).not.toThrow();
      expect(isAuthenticTelegramRequest(withSecretHeader(value), SECRET)).toBe(false);
    }
  });

  it('only the exact secret passes, and nothing throws, for 500 generated header values (seeded)', () => {
    const random = seededRandom(0x7e1e9a);
    let accepted = 0;
    for (let iteration = 0; iteration < 500; iteration++) {
      const expected = random.stringFrom(SECRET_TOKEN_ALPHABET, random.int(1, 256));
      const candidate = candidateFor(expected, iteration, random);
      let result: boolean | undefined;
      expect(() => {
        result = isAuthenticTelegramRequest(withSecretHeader(candidate), expected);
      }, `iteration ${iteration}`).not.toThrow();
      expect(result, `iteration ${iteration}: ${JSON.stringify(candidate.slice(0, 40))}`).toBe(
        candidate === expected,
      );
      if (result) accepted++;
    }
    // The generator must exercise both outcomes, or the loop proves nothing.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(500);
  });
});

/** Header values near the expected secret: equal, one edit away, same length, or arbitrary text. */
function candidateFor(expected: string, iteration: number, random: ReturnType<typeof seededRandom>): string {
  const chars = Array.from(expected);
  const at = random.int(0, chars.length - 1);
  switch (iteration % 8) {
    case 0:
      return expected;
    case 1: // one character replaced by another allowed one (often the same length, sometimes equal)
      chars[at] = random.pick(Array.from(SECRET_TOKEN_ALPHABET));
      return chars.join('');
    case 2: // one character removed
      chars.splice(at, 1);
      return chars.join('');
    case 3: // one character inserted
      chars.splice(at, 0, random.pick(Array.from(AWKWARD_ALPHABET)));
      return chars.join('');
    case 4: // one character replaced by a multi-byte one (same UTF-16 length, longer in UTF-8)
      chars[at] = random.pick(['ł', 'é', '中', '\uFFFD', '\uD800']);
      return chars.join('');
    case 5: // same length, random allowed characters
      return random.stringFrom(SECRET_TOKEN_ALPHABET, chars.length);
    case 6: // arbitrary awkward text
      return random.stringFrom(AWKWARD_ALPHABET, random.int(0, 300));
    default: // expected plus or minus whitespace / case
      return random.pick([` ${expected}`, `${expected} `, expected.toLowerCase(), expected.toUpperCase()]);
  }
}
