import { describe, expect, it } from 'vitest';
import { orderFromPayload } from '../../../../../bots/support/orders/order-payload.ts';

const valid = {
  number: 'A-123456',
  status: 'shipped',
  placedAt: '2025-05-04T10:00:00Z',
  items: [{ name: 'Alpha Buds Pro', quantity: 1 }],
  trackingUrl: 'https://tracking.courier.example/parcel/1',
  estimatedDelivery: '2025-05-07',
  owner: { phone: '+48600100200', email: null },
};

describe('orderFromPayload', () => {
  it('accepts a well-formed order and keeps only the known fields', () => {
    const order = orderFromPayload({
      ...valid,
      billingAddress: 'ul. Prosta 1',
      owner: { ...valid.owner, iban: 'x' },
    });
    expect(order).toEqual({
      number: 'A-123456',
      status: 'shipped',
      placedAt: '2025-05-04T10:00:00Z',
      items: [{ name: 'Alpha Buds Pro', quantity: 1 }],
      trackingUrl: 'https://tracking.courier.example/parcel/1',
      estimatedDelivery: '2025-05-07',
      owner: { phone: '+48600100200' },
    });
  });

  it('treats null and empty optional fields as absent', () => {
    expect(orderFromPayload({ ...valid, trackingUrl: null, estimatedDelivery: '' })).toEqual({
      number: 'A-123456',
      status: 'shipped',
      placedAt: '2025-05-04T10:00:00Z',
      items: [{ name: 'Alpha Buds Pro', quantity: 1 }],
      owner: { phone: '+48600100200' },
    });
  });

  it.each([
    ['an unknown status', { ...valid, status: 'lost_in_space' }],
    ['a status in another case', { ...valid, status: 'SHIPPED' }],
    ['no owner', { ...valid, owner: undefined }],
    ['an owner phone that is not text', { ...valid, owner: { phone: 48600100200 } }],
    ['an unreadable date', { ...valid, placedAt: 'last Tuesday' }],
    ['items that are not a list', { ...valid, items: 'earbuds' }],
    ['a fractional quantity', { ...valid, items: [{ name: 'Cable', quantity: 1.5 }] }],
    ['an item without a name', { ...valid, items: [{ name: ' ', quantity: 1 }] }],
    ['a javascript: tracking link', { ...valid, trackingUrl: 'javascript:alert(1)' }],
    ['a clear-text tracking link', { ...valid, trackingUrl: 'http://tracking.courier.example/1' }],
    ['a path-like order number', { ...valid, number: '../admin' }],
    ['an array', [valid]],
    ['null', null],
    ['a string', 'A-123456'],
  ])('rejects %s', (_why, payload) => {
    expect(orderFromPayload(payload)).toBeUndefined();
  });
});
