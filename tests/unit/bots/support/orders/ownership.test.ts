import { describe, expect, it } from 'vitest';
import { canonicalEmail, e164, ownsOrder } from '../../../../../bots/support/orders/ownership.ts';

const nobody = { verifiedPhones: [], verifiedEmails: [] };

describe('ownsOrder', () => {
  it('matches a verified phone written in another format', () => {
    const order = { owner: { phone: '+48 600-100-200' } };
    expect(ownsOrder(order, { verifiedPhones: ['+48600100200'], verifiedEmails: [] })).toBe(true);
    expect(
      ownsOrder({ owner: { phone: '0048 (600) 100 200' } }, { ...nobody, verifiedPhones: ['+48600100200'] }),
    ).toBe(true);
    expect(
      ownsOrder({ owner: { phone: '+44 (0)7700 900123' } }, { ...nobody, verifiedPhones: ['+447700900123'] }),
    ).toBe(true);
  });

  it('matches a verified e-mail in any letter case', () => {
    const order = { owner: { email: 'Olivia.Reed@Alpha.Example' } };
    expect(ownsOrder(order, { verifiedPhones: [], verifiedEmails: [' olivia.reed@alpha.example '] })).toBe(
      true,
    );
  });

  it('matches on either contact when the order has both', () => {
    const order = { owner: { phone: '+15550001111', email: 'sam.taylor@alpha.example' } };
    expect(
      ownsOrder(order, { verifiedPhones: ['+15550009999'], verifiedEmails: ['sam.taylor@alpha.example'] }),
    ).toBe(true);
  });

  it('does not match a different phone or e-mail', () => {
    const order = { owner: { phone: '+48600100200', email: 'marta.nowak@alpha.example' } };
    expect(
      ownsOrder(order, {
        verifiedPhones: ['+48600100201'],
        verifiedEmails: ['marta.nowak@alpha.example.com'],
      }),
    ).toBe(false);
    expect(ownsOrder(order, nobody)).toBe(false);
  });

  it('does not treat Gmail-style aliases as the same mailbox', () => {
    const order = { owner: { email: 'marta.nowak@alpha.example' } };
    expect(ownsOrder(order, { ...nobody, verifiedEmails: ['martanowak@alpha.example'] })).toBe(false);
    expect(ownsOrder(order, { ...nobody, verifiedEmails: ['marta.nowak+shop@alpha.example'] })).toBe(false);
  });

  it('fails closed on phones without a country code, instead of guessing one', () => {
    expect(
      ownsOrder({ owner: { phone: '600100200' } }, { ...nobody, verifiedPhones: ['+48600100200'] }),
    ).toBe(false);
    expect(
      ownsOrder({ owner: { phone: '+48600100200' } }, { ...nobody, verifiedPhones: ['600100200'] }),
    ).toBe(false);
  });

  it('never matches on empty or unusable contacts', () => {
    expect(ownsOrder({ owner: {} }, { verifiedPhones: [''], verifiedEmails: [''] })).toBe(false);
    expect(
      ownsOrder({ owner: { phone: '', email: '' } }, { verifiedPhones: [''], verifiedEmails: [''] }),
    ).toBe(false);
    expect(
      ownsOrder({ owner: { email: 'not-an-email' } }, { ...nobody, verifiedEmails: ['not-an-email'] }),
    ).toBe(false);
    expect(ownsOrder({ owner: { phone: '+' } }, { ...nobody, verifiedPhones: ['+'] })).toBe(false);
  });
});

describe('e164', () => {
  it.each([
    ['+48600100200', '+48600100200'],
    ['+55 11 99999-0000', '+5511999990000'],
    ['+1 (555) 000-1111', '+15550001111'],
    ['0048600100200', '+48600100200'],
    ['+1.555.000.1111', '+15550001111'],
  ])('%s → %s', (input, expected) => {
    expect(e164(input)).toBe(expected);
  });

  it.each(['600100200', '5511999990000', '+0123456789', '+12', '+1234567890123456', 'call me'])(
    'rejects %s',
    (input) => {
      expect(e164(input)).toBeUndefined();
    },
  );
});

describe('canonicalEmail', () => {
  it('lower-cases and trims, and rejects what is not an address', () => {
    expect(canonicalEmail(' Sam.Taylor@ALPHA.example ')).toBe('sam.taylor@alpha.example');
    expect(canonicalEmail('sam@localhost')).toBeUndefined();
    expect(canonicalEmail('two words@alpha.example')).toBeUndefined();
  });
});
