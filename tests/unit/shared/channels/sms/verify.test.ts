import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeForm, readFormParams } from '../../../../../shared/channels/sms/form.ts';
import {
  isAuthenticTwilioRequest,
  signTwilioJsonRequest,
  signTwilioRequest,
  TWILIO_SIGNATURE_HEADER,
} from '../../../../../shared/channels/sms/verify.ts';
import { AWKWARD_ALPHABET, type SeededRandom, seededRandom } from '../../../helpers/seeded-random.ts';

/**
 * Vectors from Twilio's own SDK tests: github.com/twilio/twilio-node spec/validation.spec.js
 * (@ 005ea9cdbad2) and spec/unit/webhooks/webhooks.spec.js (@ 17d127b7c42d). Each signature was
 * produced by Twilio's implementation, so they check ours independently.
 */
const TOKEN = '12345';
const URL_BASE = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const CALL_PARAMS = {
  CallSid: 'CA1234567890ABCDE',
  Caller: '+14158675309',
  Digits: '1234',
  From: '+14158675309',
  To: '+18005551212',
};
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_BODY_HASH = '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620';

function check(
  url: string,
  signature: string | undefined,
  body: string | Buffer,
  authToken = TOKEN,
): boolean {
  return isAuthenticTwilioRequest({
    authToken,
    signature,
    url,
    rawBody: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  });
}

describe('isAuthenticTwilioRequest with the vectors of twilio-node', () => {
  const form = encodeForm(CALL_PARAMS);

  it('reads the lower-cased X-Twilio-Signature header name', () => {
    expect(TWILIO_SIGNATURE_HEADER).toBe('x-twilio-signature');
  });

  it('accepts the correct signature over URL and form parameters', () => {
    expect(check(URL_BASE, 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', form)).toBe(true);
  });

  it('rejects a wrong signature, a missing one and an empty one', () => {
    expect(check(URL_BASE, 'WRONG_SIGNATURE', form)).toBe(false);
    expect(check(URL_BASE, undefined, form)).toBe(false);
    expect(check(URL_BASE, '', form)).toBe(false);
  });

  it('accepts a signature computed over the URL with the default :443 port written out', () => {
    expect(check(URL_BASE, 'kvajT1Ptam85bY51eRf/AJRuM3w=', form)).toBe(true);
  });

  it('accepts a signature over http with :80 written out', () => {
    expect(check(URL_BASE.replace('https', 'http'), '0ZXoZLH/DfblKGATFgpif+LLRf4=', form)).toBe(true);
  });

  it('strips a non-default https port (the signature was made without it)', () => {
    expect(check(URL_BASE.replace('.com', '.com:1234'), 'RSOYDt4T1cUTdK1PDd93/VVr8B8=', form)).toBe(true);
  });

  it('keeps a non-default http port when that is what was signed', () => {
    const url = URL_BASE.replace('.com', '.com:1234').replace('https', 'http');
    expect(check(url, 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=', form)).toBe(true);
  });

  it('accepts URLs carrying basic-auth credentials, with and without the :443 port', () => {
    const withCredentials = 'https://user:pass@mycompany.com/myapp.php?foo=1&bar=2';
    expect(check(withCredentials, 'CukzLTc1tT5dXEDIHm/tKBanW10=', form)).toBe(true);
    expect(check(withCredentials, 'ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=', form)).toBe(true);
    expect(
      check('https://user@mycompany.com/myapp.php?foo=1&bar=2', '2YRLlVAflCqxaNicjMpJcSTgzSs=', form),
    ).toBe(true);
  });

  it("accepts a query with an unescaped quote, whether we received it as ' or as %27", () => {
    const signature = 'dsq4Ehbj6cs+KdTkpF5sSSplOWw=';
    expect(check(`${URL_BASE}&Body=It's+amazing`, signature, form)).toBe(true);
    expect(check(`${URL_BASE}&Body=It%27s+amazing`, signature, form)).toBe(true);
  });

  it('accepts repeated parameters in any order (values deduplicated and sorted)', () => {
    const inOrder = 'MessagingBinding.Address=%2B1325xxxxxxx&MessagingBinding.Address=%2B1415xxxxxxx';
    const reversed = 'MessagingBinding.Address=%2B1415xxxxxxx&MessagingBinding.Address=%2B1325xxxxxxx';
    expect(check(URL_BASE, '83O6e2vORAoJHUNzJjDWN1jz+BA=', inOrder)).toBe(true);
    expect(check(URL_BASE, '83O6e2vORAoJHUNzJjDWN1jz+BA=', reversed)).toBe(true);
    expect(
      check(
        URL_BASE,
        'IK+Dwps556ElfBT0I3Rgjkr1wJU=',
        'Sid=CA123&SidAccount=AC123&Digits=5678&Digits=1234&Digits=1234',
      ),
    ).toBe(true);
  });

  it('accepts a JSON body whose SHA-256 is in the bodySHA256 query parameter', () => {
    expect(check(`${URL_BASE}&bodySHA256=${JSON_BODY_HASH}`, 'a9nBmqA0ju/hNViExpshrM61xv4=', JSON_BODY)).toBe(
      true,
    );
    const onlyHash = `https://mycompany.com/myapp.php?bodySHA256=${JSON_BODY_HASH}`;
    expect(check(onlyHash, 'y77kIzt2vzLz71DgmJGsen2scGs=', JSON_BODY)).toBe(true);
  });

  it('accepts the empty-JSON vector, which only matches with :443 written out', () => {
    const emptyHash = '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a';
    expect(check(`${URL_BASE}&bodySHA256=${emptyHash}`, 'Ldidvp12m26NI7eqEvxnEpkd9Hc=', '{}')).toBe(true);
  });

  it('rejects a JSON body that does not match its hash, and a hash cut short', () => {
    const url = `${URL_BASE}&bodySHA256=${JSON_BODY_HASH}`;
    expect(check(url, 'a9nBmqA0ju/hNViExpshrM61xv4=', JSON_BODY.replace('true', 'false'))).toBe(false);
    expect(check(url.slice(0, -1), 'a9nBmqA0ju/hNViExpshrM61xv4=', JSON_BODY)).toBe(false);
  });
});

describe('isAuthenticTwilioRequest: quote spellings (twilio-node webhooks.spec)', () => {
  const hmac = (url: string) => createHmac('sha1', 's3cr3t').update(url).digest('base64');
  const quoted = "https://example.com/path?test=param'WithQuote";
  const escaped = 'https://example.com/path?test=param%27WithQuote';

  it.each([
    ['signed with a quote, received with a quote', quoted, quoted],
    ['signed with a quote, received escaped', quoted, escaped],
    ['signed escaped, received with a quote', escaped, quoted],
    ['signed escaped, received escaped', escaped, escaped],
  ])('accepts a URL %s', (_name, signedUrl, receivedUrl) => {
    expect(check(receivedUrl, hmac(signedUrl), '', 's3cr3t')).toBe(true);
  });

  it('rejects a signature over another query value', () => {
    expect(
      check(
        'https://example.com/path?test=param2',
        hmac('https://example.com/path?test=param'),
        '',
        's3cr3t',
      ),
    ).toBe(false);
  });
});

describe('signTwilioRequest and isAuthenticTwilioRequest together', () => {
  const url = 'https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms';
  const params = {
    MessageSid: 'SM1',
    From: '+15017122661',
    To: '+15558675310',
    Body: 'Olá, preciso de ajuda 😀',
  };

  it('signs what it verifies, over UTF-8 text', () => {
    const signature = signTwilioRequest(TOKEN, url, params);
    expect(check(url, signature, encodeForm(params))).toBe(true);
  });

  it('covers parameters Twilio adds without notice (no whitelist)', () => {
    const withNew = { ...params, BrandNewParameter: 'x' };
    const signature = signTwilioRequest(TOKEN, url, withNew);
    expect(check(url, signature, encodeForm(withNew))).toBe(true);
    expect(check(url, signature, encodeForm(params))).toBe(false);
  });

  it('rejects the request under another auth token, another URL or another path', () => {
    const signature = signTwilioRequest(TOKEN, url, params);
    expect(check(url, signature, encodeForm(params), 'other-token')).toBe(false);
    expect(check(url.replace('abc', 'abd'), signature, encodeForm(params))).toBe(false);
    expect(check(`${url}/extra`, signature, encodeForm(params))).toBe(false);
    expect(check(`${url}?x=1`, signature, encodeForm(params))).toBe(false);
  });

  it('rejects everything when the auth token is empty (misconfiguration fails closed)', () => {
    expect(check(url, signTwilioRequest('', url, params), encodeForm(params), '')).toBe(false);
  });

  it('signs JSON bodies the way Twilio does, with the hash in the URL', () => {
    const { url: signedUrl, signature } = signTwilioJsonRequest(TOKEN, URL_BASE, JSON_BODY);
    expect(signedUrl).toBe(`${URL_BASE}&bodySHA256=${JSON_BODY_HASH}`);
    expect(signature).toBe('a9nBmqA0ju/hNViExpshrM61xv4=');
    expect(check(signedUrl, signature, JSON_BODY)).toBe(true);
  });

  it('never throws for awkward header values, and rejects them all', () => {
    const body = encodeForm(params);
    const good = signTwilioRequest(TOKEN, url, params);
    for (const value of [
      '\0',
      '\uD800',
      '😀'.repeat(14),
      'ł'.repeat(14),
      'x'.repeat(1_000_000),
      ` ${good}`,
      `${good}\n`,
    ]) {
      expect(() => check(url, value, body)).not.toThrow();
      expect(check(url, value, body)).toBe(false);
    }
  });

  it('never throws for an unparseable URL and rejects it unless the literal string was signed', () => {
    const body = encodeForm(params);
    expect(() => check('not a url', 'abc', body)).not.toThrow();
    expect(check('not a url', signTwilioRequest(TOKEN, 'not a url', params), body)).toBe(true);
    expect(check('not a url', 'abc', body)).toBe(false);
  });
});

/** What Twilio signs, computed independently: names sorted, each distinct value sorted. */
function signedContent(body: Buffer): string {
  const params = readFormParams(body.toString('utf8'));
  return [...params.keys()]
    .sort()
    .map((name) => `${name}\u0000${[...new Set(params.get(name))].sort().join('\u0001')}`)
    .join('\u0002');
}

function randomParams(random: SeededRandom): Record<string, string> {
  const params: Record<string, string> = {};
  const names = ['MessageSid', 'From', 'To', 'Body', 'NumMedia', 'MediaUrl0', 'AddOns', 'FromCity'];
  for (const name of names)
    if (random.chance(0.8)) params[name] = random.stringFrom(AWKWARD_ALPHABET, random.int(0, 40));
  params[random.stringFrom('ABCDEFGHabcdefgh0123', random.int(1, 12))] = random.stringFrom(
    AWKWARD_ALPHABET,
    5,
  );
  return params;
}

describe('isAuthenticTwilioRequest properties (seeded)', () => {
  const url = 'https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms';

  it('a valid signature always passes; one flipped byte of body or signature fails unless the parameters are unchanged', () => {
    const random = seededRandom(0x5a5a71);
    let bodyFlipsRejected = 0;
    for (let iteration = 0; iteration < 400; iteration++) {
      const token = random.stringFrom('0123456789abcdef', 32);
      const params = randomParams(random);
      const body = Buffer.from(encodeForm(params), 'utf8');
      const signature = signTwilioRequest(token, url, params);
      expect(check(url, signature, body, token), `iteration ${iteration}`).toBe(true);

      const tampered = Buffer.from(body);
      const at = random.int(0, tampered.length - 1);
      tampered[at] = (tampered[at] as number) ^ random.int(1, 255);
      const unchanged = signedContent(tampered) === signedContent(body);
      expect(check(url, signature, tampered, token), `iteration ${iteration}, body byte ${at}`).toBe(
        unchanged,
      );
      if (!unchanged) bodyFlipsRejected++;

      const badSignature = Buffer.from(signature, 'utf8');
      const sigAt = random.int(0, badSignature.length - 1);
      badSignature[sigAt] = (badSignature[sigAt] as number) ^ random.int(1, 127);
      expect(
        check(url, badSignature.toString('latin1'), body, token),
        `iteration ${iteration}, sig byte ${sigAt}`,
      ).toBe(false);
    }
    // Equivalent spellings (%2b vs %2B, + vs space) are rare: almost every flip must be caught.
    expect(bodyFlipsRejected).toBeGreaterThan(360);
  });

  it('no header value throws, and random ones never pass (500 seeded values)', () => {
    const random = seededRandom(0x7e1e9b);
    const body = Buffer.from(encodeForm({ MessageSid: 'SM1', Body: 'hi' }), 'utf8');
    for (let iteration = 0; iteration < 500; iteration++) {
      const value = random.stringFrom(AWKWARD_ALPHABET, random.int(0, iteration % 5 === 0 ? 2000 : 40));
      let result: boolean | undefined;
      expect(() => {
        result = check(url, value, body);
      }, `iteration ${iteration}`).not.toThrow();
      expect(result).toBe(false);
    }
  });
});
