import { describe, expect, it } from 'vitest';
import { messengerHandshake } from '../../../../../shared/channels/messenger/handshake.ts';

const VERIFY_TOKEN = 'verify-me-2026';

function query(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    'hub.mode': 'subscribe',
    'hub.verify_token': VERIFY_TOKEN,
    'hub.challenge': '1158201444',
    ...overrides,
  };
}

describe('messengerHandshake', () => {
  it('echoes hub.challenge as text/plain with 200 when the mode is subscribe and the token matches', () => {
    const response = messengerHandshake(query(), VERIFY_TOKEN);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('1158201444');
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('echoes markup as plain text only, so nothing is reflected into an HTML page', () => {
    const response = messengerHandshake(
      query({ 'hub.challenge': '<script>alert(1)</script>' }),
      VERIFY_TOKEN,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).not.toContain('html');
  });

  it.each([
    ['a wrong token', { 'hub.verify_token': 'verify-me-2027' }],
    ['a token differing in case', { 'hub.verify_token': VERIFY_TOKEN.toUpperCase() }],
    ['a prefix of the token', { 'hub.verify_token': VERIFY_TOKEN.slice(0, -1) }],
    ['the token with a trailing space', { 'hub.verify_token': `${VERIFY_TOKEN} ` }],
    ['a multi-byte token of the same length', { 'hub.verify_token': `${VERIFY_TOKEN.slice(0, -1)}ł` }],
    ['no token', { 'hub.verify_token': undefined }],
    ['mode unsubscribe', { 'hub.mode': 'unsubscribe' }],
    ['no mode', { 'hub.mode': undefined }],
    ['no challenge', { 'hub.challenge': undefined }],
    ['an empty challenge', { 'hub.challenge': '' }],
    ['a challenge longer than 512 characters', { 'hub.challenge': '9'.repeat(513) }],
  ])('answers 403 without echoing anything for %s', (_name, overrides) => {
    const response = messengerHandshake(query(overrides), VERIFY_TOKEN);
    expect(response.statusCode).toBe(403);
    expect(response.body).not.toContain('1158201444');
  });

  it('answers 403 to everything when no verify token is configured', () => {
    expect(messengerHandshake(query({ 'hub.verify_token': '' }), '').statusCode).toBe(403);
  });

  it('does not accept underscore-style parameter names (API Gateway keeps the dots)', () => {
    const underscored = { hub_mode: 'subscribe', hub_verify_token: VERIFY_TOKEN, hub_challenge: '1' };
    expect(messengerHandshake(underscored, VERIFY_TOKEN).statusCode).toBe(403);
  });
});
