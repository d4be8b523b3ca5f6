import { describe, expect, it } from 'vitest';
import { RESET_COPY } from '../../../../../bots/support/password-reset/reset-copy.ts';
import { pageLanguage, resetPageResponse } from '../../../../../bots/support/password-reset/reset-page.ts';
import type { RedeemOutcome } from '../../../../../bots/support/password-reset/reset-tokens.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const INVALID: RedeemOutcome[] = ['expired', 'used', 'unknown'];

describe('resetPageResponse', () => {
  it('asks to choose a new password for a valid link', () => {
    const page = resetPageResponse('ok');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<h1>Choose a new password</h1>');
    expect(page.body).toContain('<html lang="en">');
  });

  it('answers an expired, a used and an unknown link with the very same response', () => {
    const [expired, used, unknown] = INVALID.map((outcome) => resetPageResponse(outcome));
    expect(expired?.statusCode).toBe(410);
    expect(expired?.body).toContain('This link is no longer valid');
    expect(used).toEqual(expired);
    expect(unknown).toEqual(expired);
    for (const word of ['expired', 'used', 'unknown'])
      expect(expired?.body.toLowerCase()).not.toContain(word);
  });

  it('answers JSON when asked for it, again without telling the invalid cases apart', () => {
    const accept = 'application/json';
    expect(JSON.parse(resetPageResponse('ok', { accept }).body)).toEqual({
      status: 'valid',
      language: 'en',
      title: RESET_COPY.en.page.validTitle,
      message: RESET_COPY.en.page.validBody,
    });
    const bodies = INVALID.map((outcome) => resetPageResponse(outcome, { accept }));
    expect(new Set(bodies.map((page) => page.body)).size).toBe(1);
    expect(JSON.parse(bodies[0]?.body ?? '{}')).toMatchObject({ status: 'invalid' });
    expect(bodies[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    // A browser's Accept lists HTML first and gets the page.
    expect(resetPageResponse('ok', { accept: 'text/html,application/json;q=0.9' }).body).toMatch(
      /^<!doctype html>/,
    );
  });

  it('keeps the token from leaking: no caching, no indexing, no Referer, nothing loaded from elsewhere', () => {
    for (const outcome of ['ok', ...INVALID] as RedeemOutcome[]) {
      const { headers, body } = resetPageResponse(outcome);
      expect(headers).toMatchObject({
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-robots-tag': 'noindex',
        'x-content-type-options': 'nosniff',
      });
      expect(headers['content-security-policy']).toContain("default-src 'none'");
      expect(body).not.toMatch(/<(script|img|link|iframe)\b/);
    }
  });

  it.each(LANGUAGES)('speaks %s, with its text escaped for HTML', (language) => {
    const tag = { en: 'en-GB', pt: 'pt-BR', pl: 'pl-PL' }[language];
    const page = resetPageResponse('used', { acceptLanguage: `${tag},en;q=0.5` });
    expect(page.body).toContain(`<html lang="${language}">`);
    const escaped = RESET_COPY[language].page.invalidBody.replaceAll('"', '&quot;');
    expect(page.body).toContain(escaped);
  });
});

describe('pageLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de-DE,fr;q=0.8', 'en'],
    ['pt-BR,pt;q=0.9,en;q=0.8', 'pt'],
    ['de,pl;q=0.7,pt;q=0.6', 'pl'],
    ['en;q=0.2,pl;q=0.9', 'pl'],
    ['pl;q=0,pt', 'pt'],
    ['*', 'en'],
  ])('picks from %j: %s', (header, language) => {
    expect(pageLanguage(header)).toBe(language);
  });
});
