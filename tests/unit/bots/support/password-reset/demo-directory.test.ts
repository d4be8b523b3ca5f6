import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../../../../bots/support/password-reset/demo-accounts.ts';
import {
  findDemoAccount,
  registeredAddress,
  resetLinkMail,
  resetLinkUrl,
} from '../../../../../bots/support/password-reset/demo-identity-provider.ts';
import { RESET_COPY } from '../../../../../bots/support/password-reset/reset-copy.ts';
import { smsSegments } from '../../../../../shared/channels/sms/segments.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const emma = DEMO_ACCOUNTS.find((account) => account.accountId === 'acc_demo_emma') as DemoAccount;
const liam = DEMO_ACCOUNTS.find((account) => account.accountId === 'acc_demo_liam') as DemoAccount;
const TOKEN = 'A'.repeat(43);

describe('the demo accounts', () => {
  it('are invented: reserved example domains and phone ranges kept for fiction only', () => {
    for (const account of DEMO_ACCOUNTS) {
      if (account.email) expect(account.email).toMatch(/^[a-z0-9.+-]+@example\.(com|net|org)$/);
      if (account.phone) expect(account.phone).toMatch(/^(\+447700900\d{3}|\+1\d{3}55501\d{2})$/);
      expect(account.email ?? account.phone).toBeDefined();
    }
    expect(new Set(DEMO_ACCOUNTS.map((account) => account.accountId)).size).toBe(DEMO_ACCOUNTS.length);
  });
});

describe('findDemoAccount', () => {
  it('matches the registered e-mail in any case and the phone with separators', () => {
    expect(findDemoAccount(DEMO_ACCOUNTS, 'Emma.Clarke@EXAMPLE.com ')).toBe(emma);
    expect(findDemoAccount(DEMO_ACCOUNTS, '+44 7700 900-101')).toBe(emma);
    expect(findDemoAccount(DEMO_ACCOUNTS, '+12025550142')).toBe(liam);
  });

  it('matches nothing else, not even a near miss', () => {
    for (const hint of [
      'emma.clarke@example.net',
      'clarke@example.com',
      '+447700900100',
      '',
      'acc_demo_emma',
    ]) {
      expect(findDemoAccount(DEMO_ACCOUNTS, hint)).toBeUndefined();
    }
  });
});

describe('the link message', () => {
  it('goes to the registered e-mail first, as Cognito recovers by verified e-mail first', () => {
    expect(registeredAddress(emma)).toEqual({ kind: 'email', to: 'emma.clarke@example.com' });
    expect(registeredAddress(liam)).toEqual({ kind: 'phone', to: '+12025550142' });
    expect(registeredAddress({ accountId: 'x', name: 'Nobody', language: 'en' })).toBeUndefined();
  });

  it('points at /demo/reset with the token, whatever the base URL ends with', () => {
    expect(resetLinkUrl('https://support.alpha.example/', TOKEN)).toBe(
      `https://support.alpha.example/demo/reset?token=${TOKEN}`,
    );
    expect(resetLinkUrl('http://127.0.0.1:3000', TOKEN)).toBe(
      `http://127.0.0.1:3000/demo/reset?token=${TOKEN}`,
    );
  });

  it.each(LANGUAGES)(
    'carries the link in %s, by e-mail and in at most two GSM-7 SMS segments',
    (language) => {
      const link = resetLinkUrl('https://support.alpha.example', TOKEN);
      const email = resetLinkMail({ kind: 'email', to: 'a@example.com' }, link, language);
      expect(email).toEqual({
        to: 'a@example.com',
        subject: RESET_COPY[language].link.emailSubject,
        text: expect.stringContaining(link),
      });
      const sms = resetLinkMail({ kind: 'phone', to: '+12025550142' }, link, language);
      expect(sms.text).toContain(link);
      expect(smsSegments(sms.text)).toEqual({ encoding: 'GSM-7', segments: expect.any(Number) });
      expect(smsSegments(sms.text).segments).toBeLessThanOrEqual(2);
      expect(email.text).toContain('30');
    },
  );
});

describe('RESET_COPY', () => {
  it('has every string in every language, and the reply promises the 30-minute link', () => {
    for (const language of LANGUAGES) {
      const copy = RESET_COPY[language];
      for (const text of [
        ...Object.values(copy.replies),
        ...Object.values(copy.page),
        copy.link.emailSubject,
      ]) {
        expect(text.trim().length).toBeGreaterThan(0);
      }
      expect(copy.replies.sent).toContain('30');
    }
  });
});
