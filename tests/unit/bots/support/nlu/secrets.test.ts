import { describe, expect, it } from 'vitest';
import { detectsPasswordOrSecret, redactSecrets } from '../../../../../bots/support/nlu/index.ts';

describe('detectsPasswordOrSecret and redactSecrets', () => {
  it.each([
    ['my password is hunter22', 'my password is [redacted]'],
    ['password: Tr0ub4dor&3', 'password: [redacted]'],
    ['minha senha é abacaxi123', 'minha senha é [redacted]'],
    ['a senha: Flamengo', 'a senha: [redacted]'],
    ['a senha é Flamengo', 'a senha é [redacted]'],
    ['moje hasło to kotek123', 'moje hasło to [redacted]'],
    ['haslo: Tajne!2024', 'haslo: [redacted]'],
    ['the code is 482913', 'the code is [redacted]'],
    ['kod 123456', 'kod [redacted]'],
    ['my pin is 1234', 'my pin is [redacted]'],
    ['Maria1985', '[redacted]'],
    ['P@ssw0rd', '[redacted]'],
    ['i tried Xk9#mPq2 but no luck', 'i tried [redacted] but no luck'],
    ['card 4111 1111 1111 1111 exp 12/27', 'card [redacted] exp 12/27'],
    ['5500-0000-0000-0004', '[redacted]'],
  ])('%s → %s', (text, redacted) => {
    expect(detectsPasswordOrSecret(text)).toBe(true);
    expect(redactSecrets(text)).toBe(redacted);
  });

  it.each([
    ['ORD-2024-1234'],
    ['my order number is ORD-2024-1234'],
    ['order 55102'],
    ['#55102'],
    ['LINK 123456'],
    ['I forgot my password'],
    ['my password is wrong'],
    ['senha errada'],
    ['hasło nie działa'],
    ['nie pamiętam hasła'],
    ['4111111111111112'],
    ['my tracking code is AB123456789PL'],
    ['my order code is 55102'],
    ['kod pocztowy 00-950'],
    ['código de rastreio BR123456789'],
    ['support@alpha.example'],
    ['R$19,90'],
    ['2024-01-15'],
    ['thanks!!!'],
    ['enter the 16-digit code at checkout'],
    ['call me on +48 600 700 800'],
  ])('%s is not a secret', (text) => {
    expect(detectsPasswordOrSecret(text)).toBe(false);
    expect(redactSecrets(text)).toBe(text);
  });

  it('redacts every secret in a message and keeps the rest', () => {
    expect(redactSecrets('password: abc123XY and card 4111111111111111, order ORD-2024-1234')).toBe(
      'password: [redacted] and card [redacted], order ORD-2024-1234',
    );
  });
});
