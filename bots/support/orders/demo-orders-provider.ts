import { DEMO_ORDER_SEEDS, type DemoOrderSeed } from './demo-orders-data.ts';
import { type CancelOrderResult, isCancellable, type Order, type OrdersProvider } from './orders-provider.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo orders as of `now`: placed some days before it, delivered some days after it. */
export function demoOrders(
  now: Date = new Date(),
  seeds: readonly DemoOrderSeed[] = DEMO_ORDER_SEEDS,
): Order[] {
  return seeds.map((seed) => ({
    number: seed.number,
    status: seed.status,
    placedAt: new Date(now.getTime() - seed.placedDaysAgo * DAY_MS).toISOString(),
    items: seed.items.map((item) => ({ ...item })),
    ...(seed.trackingUrl === undefined ? {} : { trackingUrl: seed.trackingUrl }),
    ...(seed.deliveryInDays === undefined
      ? {}
      : {
          estimatedDelivery: new Date(now.getTime() + seed.deliveryInDays * DAY_MS)
            .toISOString()
            .slice(0, 10),
        }),
    owner: { ...seed.owner },
  }));
}

/**
 * Orders held in memory: the demo's order system, and the data behind the local fake orders API.
 * Each instance keeps its own copies, so a cancellation in one test or demo never leaks into another,
 * and callers get copies back, so they cannot change the "system of record" by editing a result.
 */
export class DemoOrdersProvider implements OrdersProvider {
  private readonly orders = new Map<string, Order>();

  constructor(orders: readonly Order[] = demoOrders()) {
    for (const order of orders) this.orders.set(order.number, structuredClone(order));
  }

  async findOrder(orderNumber: string): Promise<Order | undefined> {
    const order = this.orders.get(orderNumber);
    return order === undefined ? undefined : structuredClone(order);
  }

  async cancelOrder(orderNumber: string): Promise<CancelOrderResult> {
    const order = this.orders.get(orderNumber);
    if (order === undefined) return 'not_found';
    // Cancelling twice answers 'cancelled' again: a redelivered message must not be told "too late".
    if (order.status === 'cancelled') return 'cancelled';
    if (!isCancellable(order.status)) return 'too_late';
    const { estimatedDelivery: _noLongerComing, ...rest } = order;
    this.orders.set(orderNumber, { ...rest, status: 'cancelled' });
    return 'cancelled';
  }
}
