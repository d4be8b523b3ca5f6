import { describe, expect, it } from 'vitest';
import { linkCode, understand } from '../../../../../bots/support/nlu/index.ts';

describe('linkCode', () => {
  it.each([
    ['LINK 123456', '123456'],
    ['link 654321', '654321'],
    ['Link: 112233', '112233'],
    ['LINK123456', '123456'],
    ['link #123456', '123456'],
    ['link 123 456', '123456'],
    ['link 123-456', '123456'],
    ['oi! LINK 908172 obrigado', '908172'],
    ['wysyłam: link 000111', '000111'],
  ])('%s → %s', (text, code) => {
    expect(linkCode(text)).toBe(code);
  });

  it.each([
    ['LINK 12345'],
    ['LINK 1234567'],
    ['link my accounts please'],
    ['hyperlink 123456'],
    ['123456'],
    [''],
  ])('%s → none', (text) => {
    expect(linkCode(text)).toBeUndefined();
  });

  it('makes the message a link_account request', () => {
    expect(understand('LINK 482913')).toMatchObject({ intent: 'link_account', article: null });
    expect(understand('link 482913 🙂').confidence).toBeGreaterThan(0.8);
  });
});
