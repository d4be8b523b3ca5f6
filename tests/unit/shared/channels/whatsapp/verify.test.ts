import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isAuthenticWhatsappRequest,
  isWhatsappVerifyToken,
  signWhatsappBody,
  WHATSAPP_SIGNATURE_HEADER,
} from '../../../../../shared/channels/whatsapp/verify.ts';
import { AWKWARD_ALPHABET, seededRandom } from '../../../helpers/seeded-random.ts';
import { load, SAMPLE_DIR } from './helpers.ts';

const APP_SECRET = 'e3b0c44298fc1c149afbf4c8996fb924';
const BODY = Buffer.from(load(SAMPLE_DIR, 'doc_text.json'), 'utf8');

function headers(signature: string | undefined): Record<string, string | undefined> {
  return { 'content-type': 'application/json', [WHATSAPP_SIGNATURE_HEADER]: signature };
}

describe('signWhatsappBody', () => {
  it('produces sha256= and the lowercase hex HMAC-SHA256 of the raw body with the app secret', () => {
    const expected = createHmac('sha256', APP_SECRET).update(BODY).digest('hex');
    expect(signWhatsappBody(BODY, APP_SECRET)).toBe(`sha256=${expected}`);
    expect(signWhatsappBody(BODY, APP_SECRET)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('signs a string as its UTF-8 bytes', () => {
    const text = '{"a":"äöå"}';
    expect(signWhatsappBody(text, APP_SECRET)).toBe(signWhatsappBody(Buffer.from(text, 'utf8'), APP_SECRET));
  });
});

describe('isAuthenticWhatsappRequest', () => {
  it('reads the lower-cased X-Hub-Signature-256 header', () => {
    expect(WHATSAPP_SIGNATURE_HEADER).toBe('x-hub-signature-256');
  });

  it('accepts the signature Meta computes over the raw body', () => {
    expect(isAuthenticWhatsappRequest(headers(signWhatsappBody(BODY, APP_SECRET)), BODY, APP_SECRET)).toBe(
      true,
    );
  });

  it('checks the bytes as sent: Meta escapes non-ASCII, and the unescaped JSON is a different body', () => {
    const escaped = Buffer.from('{"text":{"body":"\\u00e4\\u00f6\\u00e5"}}', 'utf8');
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(escaped.toString('utf8'))), 'utf8');
    const signature = signWhatsappBody(escaped, APP_SECRET);
    expect(isAuthenticWhatsappRequest(headers(signature), escaped, APP_SECRET)).toBe(true);
    expect(isAuthenticWhatsappRequest(headers(signature), reencoded, APP_SECRET)).toBe(false);
  });

  it('rejects a request without the header, or with the legacy sha1 header only', () => {
    expect(isAuthenticWhatsappRequest({}, BODY, APP_SECRET)).toBe(false);
    expect(isAuthenticWhatsappRequest(headers(undefined), BODY, APP_SECRET)).toBe(false);
    const sha1 = `sha1=${createHmac('sha1', APP_SECRET).update(BODY).digest('hex')}`;
    expect(isAuthenticWhatsappRequest({ 'x-hub-signature': sha1 }, BODY, APP_SECRET)).toBe(false);
  });

  it('rejects a signature made with another secret', () => {
    expect(isAuthenticWhatsappRequest(headers(signWhatsappBody(BODY, 'other')), BODY, APP_SECRET)).toBe(
      false,
    );
  });

  it('rejects the bare hex digest without the sha256= prefix, and upper-case hex', () => {
    const signature = signWhatsappBody(BODY, APP_SECRET);
    expect(isAuthenticWhatsappRequest(headers(signature.slice(7)), BODY, APP_SECRET)).toBe(false);
    expect(
      isAuthenticWhatsappRequest(headers(`sha256=${signature.slice(7).toUpperCase()}`), BODY, APP_SECRET),
    ).toBe(false);
    expect(isAuthenticWhatsappRequest(headers(signature.toUpperCase()), BODY, APP_SECRET)).toBe(false);
  });

  it('rejects every request when the app secret is empty (misconfiguration fails closed)', () => {
    expect(isAuthenticWhatsappRequest(headers(signWhatsappBody(BODY, '')), BODY, '')).toBe(false);
  });

  it('never throws for awkward header values', () => {
    const signature = signWhatsappBody(BODY, APP_SECRET);
    const sameLengthMultiByte = `${signature.slice(0, -1)}ł`;
    for (const value of [
      '',
      '\0',
      '\uD800',
      'sha256=',
      sameLengthMultiByte,
      '😀'.repeat(36),
      'x'.repeat(1_000_000),
    ]) {
      expect(() => isAuthenticWhatsappRequest(headers(value), BODY, APP_SECRET)).not.toThrow();
      expect(isAuthenticWhatsappRequest(headers(value), BODY, APP_SECRET)).toBe(false);
    }
  });

  it('valid signatures always pass and any single flipped byte of body or signature fails (2000 seeded cases)', () => {
    const random = seededRandom(0x5a17e5);
    let flips = 0;
    for (let iteration = 0; iteration < 2000; iteration++) {
      const secret = random.stringFrom(AWKWARD_ALPHABET, random.int(1, 64));
      const body = Buffer.from(random.stringFrom(AWKWARD_ALPHABET, random.int(0, 400)), 'utf8');
      const signature = signWhatsappBody(body, secret);
      expect(isAuthenticWhatsappRequest(headers(signature), body, secret), `iteration ${iteration}`).toBe(
        true,
      );

      const flipSignature = iteration % 2 === 0 || body.length === 0;
      const target = flipSignature ? Buffer.from(signature, 'utf8') : Buffer.from(body);
      const at = random.int(0, target.length - 1);
      target[at] = (target[at] as number) ^ random.int(1, 255);
      const result = flipSignature
        ? isAuthenticWhatsappRequest(headers(target.toString('latin1')), body, secret)
        : isAuthenticWhatsappRequest(headers(signature), target, secret);
      expect(result, `iteration ${iteration}: flipped byte ${at}`).toBe(false);
      flips++;
    }
    expect(flips).toBe(2000);
  });

  it('never throws and only the exact signature passes for 500 generated header values (seeded)', () => {
    const random = seededRandom(0xbadc0de);
    const signature = signWhatsappBody(BODY, APP_SECRET);
    for (let iteration = 0; iteration < 500; iteration++) {
      const candidate =
        iteration % 5 === 0
          ? signature
          : random.stringFrom(`${AWKWARD_ALPHABET}0123456789abcdef=`, random.int(0, 90));
      let result: boolean | undefined;
      expect(() => {
        result = isAuthenticWhatsappRequest(headers(candidate), BODY, APP_SECRET);
      }).not.toThrow();
      expect(result).toBe(candidate === signature);
    }
  });
});

describe('isWhatsappVerifyToken', () => {
  it('accepts the exact token and rejects others without throwing', () => {
    expect(isWhatsappVerifyToken('my-verify-token', 'my-verify-token')).toBe(true);
    for (const wrong of [
      undefined,
      '',
      'my-verify-tokeN',
      'my-verify-token ',
      'my-verify-toke',
      'ł'.repeat(15),
    ]) {
      expect(isWhatsappVerifyToken(wrong, 'my-verify-token')).toBe(false);
    }
    expect(isWhatsappVerifyToken('', '')).toBe(false);
  });
});
