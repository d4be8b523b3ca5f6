import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isAuthenticMessengerRequest,
  MESSENGER_SIGNATURE_HEADER,
  signMessengerBody,
} from '../../../../../shared/channels/messenger/verify.ts';
import { AWKWARD_ALPHABET, type SeededRandom, seededRandom } from '../../../helpers/seeded-random.ts';

const APP_SECRET = '4f1c2a9e8b7d6c5b4a39281706f5e4d3';
/** Meta escapes non-ASCII in the bytes it sends and signs (webhooks setup page, "Validate payloads"). */
const ESCAPED_BODY = Buffer.from(
  '{"object":"page","entry":[{"id":"1","time":1,"messaging":[{"sender":{"id":"2"},"recipient":{"id":"1"},"timestamp":1,"message":{"mid":"m_1","text":"\\u00e4\\u00f6\\u00e5 \\ud83d\\ude00 <\\/b>"}}]}]}',
  'utf8',
);

function headersWith(signature: string | undefined): Record<string, string | undefined> {
  return { 'content-type': 'application/json', [MESSENGER_SIGNATURE_HEADER]: signature };
}

describe('signMessengerBody', () => {
  it('is "sha256=" and the lowercase hex HMAC-SHA256 of the bytes with the app secret', () => {
    const expected = createHmac('sha256', APP_SECRET).update(ESCAPED_BODY).digest('hex');
    expect(signMessengerBody(ESCAPED_BODY, APP_SECRET)).toBe(`sha256=${expected}`);
    expect(signMessengerBody(ESCAPED_BODY, APP_SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('signs a string as its UTF-8 bytes', () => {
    const text = '{"text":"Olá 😀"}';
    expect(signMessengerBody(text, APP_SECRET)).toBe(
      signMessengerBody(Buffer.from(text, 'utf8'), APP_SECRET),
    );
  });
});

describe('isAuthenticMessengerRequest', () => {
  it('reads the lower-cased X-Hub-Signature-256 header', () => {
    expect(MESSENGER_SIGNATURE_HEADER).toBe('x-hub-signature-256');
  });

  it('accepts the signature Meta computes over the raw (escaped) bytes', () => {
    const signature = signMessengerBody(ESCAPED_BODY, APP_SECRET);
    expect(isAuthenticMessengerRequest(headersWith(signature), ESCAPED_BODY, APP_SECRET)).toBe(true);
  });

  it('rejects a signature computed over the re-serialised JSON (it must hash the raw bytes)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(ESCAPED_BODY.toString('utf8'))), 'utf8');
    expect(reserialised.equals(ESCAPED_BODY)).toBe(false);
    const signature = signMessengerBody(reserialised, APP_SECRET);
    expect(isAuthenticMessengerRequest(headersWith(signature), ESCAPED_BODY, APP_SECRET)).toBe(false);
  });

  it('rejects a request without the header, or with only the legacy sha1 header', () => {
    const sha1 = `sha1=${createHmac('sha1', APP_SECRET).update(ESCAPED_BODY).digest('hex')}`;
    expect(isAuthenticMessengerRequest({}, ESCAPED_BODY, APP_SECRET)).toBe(false);
    expect(isAuthenticMessengerRequest(headersWith(undefined), ESCAPED_BODY, APP_SECRET)).toBe(false);
    expect(isAuthenticMessengerRequest({ 'x-hub-signature': sha1 }, ESCAPED_BODY, APP_SECRET)).toBe(false);
  });

  it('rejects the right digest without the "sha256=" prefix, or with a sha1 prefix', () => {
    const hex = signMessengerBody(ESCAPED_BODY, APP_SECRET).slice('sha256='.length);
    for (const value of [hex, `sha1=${hex}`, `SHA256=${hex}`, `sha256:${hex}`]) {
      expect(isAuthenticMessengerRequest(headersWith(value), ESCAPED_BODY, APP_SECRET), value).toBe(false);
    }
  });

  it('rejects upper-case hex (Meta sends lowercase; one byte changed is a different header)', () => {
    const signature = signMessengerBody(ESCAPED_BODY, APP_SECRET);
    const upper = `sha256=${signature.slice(7).toUpperCase()}`;
    expect(upper).not.toBe(signature);
    expect(isAuthenticMessengerRequest(headersWith(upper), ESCAPED_BODY, APP_SECRET)).toBe(false);
  });

  it('rejects a body signed with another app secret', () => {
    const signature = signMessengerBody(ESCAPED_BODY, 'another-app-secret');
    expect(isAuthenticMessengerRequest(headersWith(signature), ESCAPED_BODY, APP_SECRET)).toBe(false);
  });

  it('rejects every request when the app secret is empty (misconfiguration fails closed)', () => {
    const signature = signMessengerBody(ESCAPED_BODY, '');
    expect(isAuthenticMessengerRequest(headersWith(signature), ESCAPED_BODY, '')).toBe(false);
  });

  it('accepts an empty body signed correctly (the HMAC of nothing is still a signature)', () => {
    const empty = Buffer.alloc(0);
    expect(
      isAuthenticMessengerRequest(headersWith(signMessengerBody(empty, APP_SECRET)), empty, APP_SECRET),
    ).toBe(true);
  });

  it.each([
    ['a short value', 'sha256=abc'],
    ['65 hex digits', `sha256=${'a'.repeat(65)}`],
    ['64 non-hex characters', `sha256=${'z'.repeat(64)}`],
    ['64 multi-byte characters', `sha256=${'é'.repeat(64)}`],
    ['an emoji run of the same UTF-16 length', `sha256=${'😀'.repeat(32)}`],
    ['a lone surrogate', `sha256=${'\uD800'.repeat(64)}`],
    ['NUL bytes', `sha256=${'\0'.repeat(64)}`],
    ['a megabyte of text', 'x'.repeat(1_000_000)],
    ['an empty value', ''],
    [
      'two signatures joined',
      `${signMessengerBody(ESCAPED_BODY, APP_SECRET)}, ${signMessengerBody(ESCAPED_BODY, APP_SECRET)}`,
    ],
  ])('rejects %s without throwing', (_name, value) => {
    expect(() => isAuthenticMessengerRequest(headersWith(value), ESCAPED_BODY, APP_SECRET)).not.toThrow();
    expect(isAuthenticMessengerRequest(headersWith(value), ESCAPED_BODY, APP_SECRET)).toBe(false);
  });
});

describe('isAuthenticMessengerRequest on generated bodies (seeded)', () => {
  it('always accepts a valid signature, and rejects any single flipped bit of body or signature', () => {
    const random = seededRandom(0x3e55e6);
    for (let iteration = 0; iteration < 400; iteration++) {
      const secret = random.stringFrom(AWKWARD_ALPHABET, random.int(1, 64));
      const body = randomBytes(random, random.int(1, 2048));
      const signature = signMessengerBody(body, secret);
      const at = `iteration ${iteration}`;
      expect(isAuthenticMessengerRequest(headersWith(signature), body, secret), at).toBe(true);

      const tamperedBody = Buffer.from(body);
      const byte = random.int(0, tamperedBody.length - 1);
      tamperedBody[byte] = (tamperedBody[byte] as number) ^ (1 << random.int(0, 7));
      expect(isAuthenticMessengerRequest(headersWith(signature), tamperedBody, secret), at).toBe(false);

      const signatureBytes = Buffer.from(signature, 'latin1');
      const position = random.int(0, signatureBytes.length - 1);
      signatureBytes[position] = (signatureBytes[position] as number) ^ (1 << random.int(0, 7));
      const tamperedSignature = signatureBytes.toString('latin1');
      expect(isAuthenticMessengerRequest(headersWith(tamperedSignature), body, secret), at).toBe(false);
    }
  });

  it('never throws and never accepts for 1000 arbitrary header values (seeded)', () => {
    const random = seededRandom(0xbadc0de);
    for (let iteration = 0; iteration < 1000; iteration++) {
      const value =
        iteration % 3 === 0
          ? `sha256=${random.stringFrom(AWKWARD_ALPHABET, 64)}`
          : random.stringFrom(AWKWARD_ALPHABET, random.int(0, 200));
      let result: boolean | undefined;
      expect(() => {
        result = isAuthenticMessengerRequest(headersWith(value), ESCAPED_BODY, APP_SECRET);
      }, `iteration ${iteration}`).not.toThrow();
      expect(result, `iteration ${iteration}`).toBe(false);
    }
  });
});

function randomBytes(random: SeededRandom, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(0, 255);
  return bytes;
}
