import { describe, expect, it } from 'vitest';
import {
  accountHintFrom,
  normaliseAccountHint,
} from '../../../../../bots/support/password-reset/account-hint.ts';

describe('accountHintFrom: e-mail addresses', () => {
  it.each([
    ['my email is Ana.Souza@Example.NET', 'ana.souza@example.net'],
    ['meu e-mail é joao.pereira@example.com, pode mandar?', 'joao.pereira@example.com'],
    ['mój adres to k.wisniewska@example.org.', 'k.wisniewska@example.org'],
    ['(emma+shop@example.co.uk)', 'emma+shop@example.co.uk'],
    ['ana.souza@example.net', 'ana.souza@example.net'],
    ['email: zoë@exämple.org', 'zoë@exämple.org'],
  ])('finds it in %j', (text, hint) => {
    expect(accountHintFrom(text)).toBe(hint);
  });

  it('prefers an e-mail over a phone in the same message, and takes the first e-mail', () => {
    expect(accountHintFrom('call +44 7700 900101 or mail a@example.com or b@example.com')).toBe(
      'a@example.com',
    );
  });

  it.each(['ana@localhost', 'name@example', '@example.com', 'ana@.com', 'user@@example.com'])(
    'ignores %j, which is not an address',
    (text) => {
      expect(accountHintFrom(text)).toBeUndefined();
    },
  );
});

describe('accountHintFrom: phone numbers, E.164', () => {
  it.each([
    ['my number is +44 7700 900101', '+447700900101'],
    ['meu celular: +55 (11) 91234-5678', '+5511912345678'],
    ['numer telefonu 0048 600 700 800', '+48600700800'],
    ['+1 202-555-0142 please', '+12025550142'],
    ['+1.202.555.0142', '+12025550142'],
    ['+48600700800', '+48600700800'],
  ])('finds it in %j', (text, hint) => {
    expect(accountHintFrom(text)).toBe(hint);
  });

  it.each([
    ['(11) 91234-5678', '55', '+5511912345678'],
    ['07700 900101', '44', '+447700900101'],
    ['600 700 800', '48', '+48600700800'],
  ])('reads a national number %j with the default calling code %s', (text, code, hint) => {
    expect(accountHintFrom(text, { defaultCallingCode: code })).toBe(hint);
  });

  it('does not guess a country for a national number without a default calling code', () => {
    expect(accountHintFrom('600 700 800')).toBeUndefined();
    expect(accountHintFrom('(11) 91234-5678')).toBeUndefined();
  });

  it.each([
    ['a link code 123456', '48'],
    ['on 2026-11-26', '48'],
    ['on 26.11.2026', '55'],
    ['+44 123', undefined],
    ['+0 7700 900101', undefined],
    ['+1234567890123456', undefined],
    ['order A1234567890', '48'],
  ])('does not read %j as a phone', (text, code) => {
    expect(accountHintFrom(text, code ? { defaultCallingCode: code } : {})).toBeUndefined();
  });
});

describe('accountHintFrom: never a password', () => {
  it.each([
    'my password is 912345678',
    'password: +44 7700 900101',
    'minha senha é 912345678',
    'senha 11912345678',
    'moje hasło to 600700800',
    'haslo: 600 700 800',
    'my pin is 48600700800',
    'password=ana@example.com',
  ])('returns nothing for the secret in %j', (text) => {
    expect(accountHintFrom(text, { defaultCallingCode: '48' })).toBeUndefined();
  });

  it('still finds the account in "I forgot my password, my e-mail is …"', () => {
    expect(accountHintFrom('I forgot my password, my e-mail is ana.souza@example.net')).toBe(
      'ana.souza@example.net',
    );
    expect(accountHintFrom('esqueci a senha, meu número é +55 11 91234-5678')).toBe('+5511912345678');
    expect(accountHintFrom('nie pamiętam hasła, mój numer +48 600 700 800')).toBe('+48600700800');
  });

  it('skips a secret but takes the account named later', () => {
    expect(
      accountHintFrom('password: 48600700801, phone +44 7700 900101', { defaultCallingCode: '48' }),
    ).toBe('+447700900101');
  });
});

describe('accountHintFrom: odd input', () => {
  it.each(['', '   ', 'hi', '🙂🙂🙂', 'I cannot log in'])('finds nothing in %j', (text) => {
    expect(accountHintFrom(text)).toBeUndefined();
  });

  it('stays fast on a very long run of digits and separators', () => {
    const started = performance.now();
    expect(accountHintFrom(`${'1-'.repeat(50_000)}x`, { defaultCallingCode: '48' })).toBeUndefined();
    expect(accountHintFrom(`${'9'.repeat(100_000)}a`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('normaliseAccountHint', () => {
  it('puts e-mails in lower case and strips separators from phones', () => {
    expect(normaliseAccountHint('  Ana.Souza@Example.NET ')).toBe('ana.souza@example.net');
    expect(normaliseAccountHint('+44 (7700) 900-101')).toBe('+447700900101');
  });
});
