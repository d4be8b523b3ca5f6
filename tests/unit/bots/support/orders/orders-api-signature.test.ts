import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  signOrdersRequest,
  verifyOrdersRequest,
} from '../../../../../bots/support/orders/orders-api-signature.ts';

const SECRET = 'orders-test-secret-7f3a';
const NOW = 1_746_525_600;
const request = { method: 'GET', path: '/api/orders/A-123456', timestamp: NOW };

function received(overrides: Partial<Parameters<typeof verifyOrdersRequest>[1]> = {}) {
  const headers = signOrdersRequest(SECRET, request);
  return {
    method: 'GET',
    path: '/api/orders/A-123456',
    timestamp: headers['X-Alpha-Timestamp'],
    signature: headers['X-Alpha-Signature'],
    now: NOW,
    ...overrides,
  };
}

describe('signOrdersRequest', () => {
  it('follows the documented scheme, so a company can reimplement it from the comment alone', () => {
    const emptyBodyHash = createHash('sha256').update('').digest('hex');
    expect(emptyBodyHash).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const expected = createHmac('sha256', SECRET)
      .update(`${NOW}\nGET\n/api/orders/A-123456\n${emptyBodyHash}`)
      .digest('hex');
    expect(signOrdersRequest(SECRET, request)).toEqual({
      'X-Alpha-Timestamp': String(NOW),
      'X-Alpha-Signature': `v1=${expected}`,
    });
  });

  it('covers the body through its SHA-256', () => {
    const body = '{"reason":"changed my mind"}';
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const expected = createHmac('sha256', SECRET)
      .update(`${NOW}\nPOST\n/orders/A-1/cancel\n${bodyHash}`)
      .digest('hex');
    expect(
      signOrdersRequest(SECRET, { method: 'post', path: '/orders/A-1/cancel', body, timestamp: NOW })[
        'X-Alpha-Signature'
      ],
    ).toBe(`v1=${expected}`);
  });

  it('refuses an empty secret rather than sign with a key anyone knows', () => {
    expect(() => signOrdersRequest('', request)).toThrow(/empty/);
  });
});

describe('verifyOrdersRequest', () => {
  it('accepts its own signature within five minutes either way', () => {
    expect(verifyOrdersRequest(SECRET, received())).toBe(true);
    expect(verifyOrdersRequest(SECRET, received({ now: NOW + 300 }))).toBe(true);
    expect(verifyOrdersRequest(SECRET, received({ now: NOW - 300 }))).toBe(true);
  });

  it('rejects a replay older than five minutes, and a timestamp too far ahead', () => {
    expect(verifyOrdersRequest(SECRET, received({ now: NOW + 301 }))).toBe(false);
    expect(verifyOrdersRequest(SECRET, received({ now: NOW - 301 }))).toBe(false);
  });

  it('rejects a different secret, method, path, body or timestamp', () => {
    expect(verifyOrdersRequest('another-secret', received())).toBe(false);
    expect(verifyOrdersRequest(SECRET, received({ method: 'POST' }))).toBe(false);
    expect(verifyOrdersRequest(SECRET, received({ path: '/api/orders/A-654321' }))).toBe(false);
    expect(verifyOrdersRequest(SECRET, received({ body: 'x' }))).toBe(false);
    expect(verifyOrdersRequest(SECRET, received({ timestamp: String(NOW + 1) }))).toBe(false);
  });

  it('rejects missing, malformed or truncated headers without throwing', () => {
    const valid = received().signature;
    for (const signature of [
      undefined,
      '',
      'v1=',
      valid.slice(0, -2),
      `${valid}00`,
      valid.replace('v1=', 'v2='),
      'v1=zz',
    ]) {
      expect(verifyOrdersRequest(SECRET, received({ signature }))).toBe(false);
    }
    for (const timestamp of [undefined, '', 'yesterday', '1e9', `${NOW}.5`]) {
      expect(verifyOrdersRequest(SECRET, received({ timestamp }))).toBe(false);
    }
    expect(verifyOrdersRequest('', received())).toBe(false);
  });
});
