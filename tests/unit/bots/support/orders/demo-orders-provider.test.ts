import { describe, expect, it } from 'vitest';
import { DEMO_ORDER_SEEDS } from '../../../../../bots/support/orders/demo-orders-data.ts';
import { DemoOrdersProvider, demoOrders } from '../../../../../bots/support/orders/demo-orders-provider.ts';
import { orderNumberFrom } from '../../../../../bots/support/orders/order-number.ts';
import { ORDER_STATUSES } from '../../../../../bots/support/orders/orders-provider.ts';
import { ownsOrder } from '../../../../../bots/support/orders/ownership.ts';

const NOW = new Date('2025-05-06T10:00:00Z');
const provider = () => new DemoOrdersProvider(demoOrders(NOW));
const phone = (verifiedPhone: string) => ({ verifiedPhones: [verifiedPhone], verifiedEmails: [] });

describe('demo orders', () => {
  it('has about eight orders in every status, with canonical, unique numbers', () => {
    const orders = demoOrders(NOW);
    expect(orders.length).toBeGreaterThanOrEqual(8);
    expect(new Set(orders.map((order) => order.status))).toEqual(new Set(ORDER_STATUSES));
    expect(new Set(orders.map((order) => order.number)).size).toBe(orders.length);
    for (const order of orders) expect(orderNumberFrom(order.number)).toBe(order.number);
  });

  it("belongs to the simulator's customers, so a demo can show their orders", () => {
    const orders = demoOrders(NOW);
    const owned = (verifiedPhone: string) =>
      orders.filter((order) => ownsOrder(order, phone(verifiedPhone))).map((order) => order.number);
    expect(owned('+48600100200')).toEqual(['A-100001', 'A-100002']);
    expect(owned('+5511999990000')).toEqual(['A-200001', 'A-200002']);
    expect(owned('+15550001111')).toEqual(['A-300001', 'A-300002']);
    expect(owned('+15017122661')).toEqual([]);
  });

  it('dates orders relative to now: placed in the past, still-moving orders arrive in the future', () => {
    for (const order of demoOrders(NOW)) {
      expect(Date.parse(order.placedAt)).toBeLessThanOrEqual(NOW.getTime());
      if (order.estimatedDelivery !== undefined) {
        expect(['received', 'processing', 'shipped']).toContain(order.status);
        expect(order.estimatedDelivery > '2025-05-06').toBe(true);
      }
    }
    const shipped = demoOrders(NOW).find((order) => order.number === 'A-100001');
    expect(shipped?.placedAt).toBe('2025-05-04T10:00:00.000Z');
    expect(shipped?.estimatedDelivery).toBe('2025-05-07');
  });

  it('has a tracking link exactly for the orders that have shipped', () => {
    for (const order of demoOrders(NOW)) {
      expect(order.trackingUrl !== undefined).toBe(
        order.status === 'shipped' || order.status === 'delivered',
      );
    }
    expect(DEMO_ORDER_SEEDS.length).toBe(demoOrders(NOW).length);
  });
});

describe('DemoOrdersProvider', () => {
  it('finds an order by its canonical number and not otherwise', async () => {
    const orders = provider();
    expect((await orders.findOrder('A-200001'))?.status).toBe('delivered');
    expect(await orders.findOrder('A-999999')).toBeUndefined();
    expect(await orders.findOrder('200001')).toBeUndefined();
  });

  it('cancels only until the order has shipped, and a repeated cancel still says cancelled', async () => {
    const orders = provider();
    expect(await orders.cancelOrder('A-100002')).toBe('cancelled');
    const cancelled = await orders.findOrder('A-100002');
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.estimatedDelivery).toBeUndefined();
    expect(await orders.cancelOrder('A-100002')).toBe('cancelled');
    expect(await orders.cancelOrder('A-200002')).toBe('cancelled');
    expect(await orders.cancelOrder('A-100001')).toBe('too_late');
    expect(await orders.cancelOrder('A-200001')).toBe('too_late');
    expect(await orders.cancelOrder('A-999999')).toBe('not_found');
    expect((await orders.findOrder('A-100001'))?.status).toBe('shipped');
  });

  it('keeps its own copies: editing a result or cancelling in one instance changes nothing elsewhere', async () => {
    const source = demoOrders(NOW);
    const first = new DemoOrdersProvider(source);
    const found = await first.findOrder('A-100002');
    if (found === undefined) throw new Error('expected the demo order');
    (found.owner as { phone?: string }).phone = '+15017122661';
    await first.cancelOrder('A-100002');
    expect((await first.findOrder('A-100002'))?.owner.phone).toBe('+48 600 100 200');
    expect((await new DemoOrdersProvider(source).findOrder('A-100002'))?.status).toBe('processing');
    expect(source.find((order) => order.number === 'A-100002')?.status).toBe('processing');
  });
});
