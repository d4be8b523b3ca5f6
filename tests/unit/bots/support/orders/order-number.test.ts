import { describe, expect, it } from 'vitest';
import { isOrderNumber, orderNumberFrom } from '../../../../../bots/support/orders/order-number.ts';

describe('orderNumberFrom', () => {
  it.each([
    ['A-123456', 'A-123456'],
    ['a123456', 'A-123456'],
    ['A 123 456', 'A-123456'],
    ['A-123-456', 'A-123456'],
    ['A – 123456', 'A-123456'],
    ['#123456', 'A-123456'],
    ['# 123 456', 'A-123456'],
    ['Ａ－１２３４５６', 'A-123456'],
    ['where is A-100001?', 'A-100001'],
  ])('reads the written forms of the number: %s', (text, expected) => {
    expect(orderNumberFrom(text)).toBe(expected);
  });

  it.each([
    ['order 123456'],
    ['Order number: 123456'],
    ['order no. 123 456'],
    ['my order is 123456 and it has not arrived'],
    ['ORDER #123456 WHERE IS IT'],
  ])('English: %s', (text) => {
    expect(orderNumberFrom(text)).toBe('A-123456');
  });

  it.each([
    ['pedido 123456'],
    ['Pedido nº 123456'],
    ['pedido n.º 123-456'],
    ['o número do pedido é 123456'],
    ['numero do pedido: 123456, ainda nao chegou'],
    ['cadê minha encomenda 123456?'],
  ])('Portuguese: %s', (text) => {
    expect(orderNumberFrom(text)).toBe('A-123456');
  });

  it.each([
    ['zamówienie nr 123456'],
    ['Numer zamówienia to 123 456'],
    ['gdzie jest moje zamowienie 123456'],
    ['pytanie o zamówieniu nr. 123456'],
    ['nr zam. 123456'],
  ])('Polish: %s', (text) => {
    expect(orderNumberFrom(text)).toBe('A-123456');
  });

  it.each([
    ['LINK 123456', 'a link code'],
    ['123456', 'six bare digits with no context'],
    ['my number is +48 600 100 200', 'a phone number'],
    ['order 600 100 200', 'a phone number after "order"'],
    ['zamówienie 600100200', 'a nine-digit phone number after "zamówienie"'],
    ['+5511999990000', 'an E.164 number'],
    ['order 2024-05-12', 'an ISO date'],
    ['Zamówienie z 12.05.2024', 'a Polish date'],
    ['pedido de 12/05/2024', 'a Brazilian date'],
    ['order 123456,90', 'a price with decimals'],
    ['pedido de R$ 123.456', 'a price with a thousands separator'],
    ['paid 1 234 567 for it', 'a long amount'],
    ['A-1234567', 'too many digits'],
    ['A-12345', 'too few digits'],
    ['ordered 123456 units', 'a different word that starts with "order"'],
    ['the code AB123456', 'letters glued to the digits'],
    ['a 123456', 'the article "a" before digits'],
    ['', 'an empty message'],
  ])('ignores %s (%s)', (text) => {
    expect(orderNumberFrom(text)).toBeUndefined();
  });

  it('takes bare digits only as the answer to the question it just asked', () => {
    expect(orderNumberFrom('123 456', { justAsked: true })).toBe('A-123456');
    expect(orderNumberFrom(' #123456. ', { justAsked: true })).toBe('A-123456');
    expect(orderNumberFrom('123 456', { justAsked: false })).toBeUndefined();
    expect(orderNumberFrom('600100200', { justAsked: true })).toBeUndefined();
    expect(orderNumberFrom('call me at 123456', { justAsked: true })).toBeUndefined();
  });

  it('returns the first number when a message has several', () => {
    expect(orderNumberFrom('A-111111 and A-222222')).toBe('A-111111');
  });
});

describe('isOrderNumber', () => {
  it('accepts only the canonical form', () => {
    expect(isOrderNumber('A-123456')).toBe(true);
    expect(isOrderNumber('a-123456')).toBe(false);
    expect(isOrderNumber('123456')).toBe(false);
    expect(isOrderNumber('A-123456 ')).toBe(false);
  });
});
