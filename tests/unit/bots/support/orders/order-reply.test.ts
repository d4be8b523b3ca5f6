import { describe, expect, it } from 'vitest';
import { demoOrders } from '../../../../../bots/support/orders/demo-orders-provider.ts';
import { ORDER_MESSAGES } from '../../../../../bots/support/orders/order-messages.ts';
import { orderStatusReply } from '../../../../../bots/support/orders/order-reply.ts';
import { LANGUAGES } from '../../../../../shared/domain/channel.ts';

const order = demoOrders(new Date('2025-05-06T10:00:00Z')).find(
  (candidate) => candidate.number === 'A-100001',
);
if (order === undefined) throw new Error('expected demo order A-100001');
const owner = { verifiedPhones: ['+48600100200'], verifiedEmails: [] };
const stranger = { verifiedPhones: ['+15017122661'], verifiedEmails: ['someone@else.example'] };

describe('orderStatusReply', () => {
  it("shows the order's details to its owner", () => {
    const reply = orderStatusReply(order, owner, 'en');
    expect(reply.shared).toBe(true);
    expect(reply.text).toContain('Order A-100001: Shipped');
  });

  it('answers a stranger exactly as it answers an order that does not exist, in every language', () => {
    for (const language of LANGUAGES) {
      const notYours = orderStatusReply(order, stranger, language);
      const noSuchOrder = orderStatusReply(undefined, stranger, language);
      expect(notYours).toEqual(noSuchOrder);
      expect(notYours).toEqual({ shared: false, text: ORDER_MESSAGES[language].notShared });
      expect(notYours.text).not.toContain('A-100001');
    }
  });

  it('answers the owner who asks about a number that does not exist the same way', () => {
    expect(orderStatusReply(undefined, owner, 'pl')).toEqual({
      shared: false,
      text: ORDER_MESSAGES.pl.notShared,
    });
  });
});
