import type { OrderItem, OrderOwner, OrderStatus } from './orders-provider.ts';

/**
 * Sample orders of invented demo customers. Dates are relative to "now" so a demo always shows a
 * plausible story (a shipped order arrives tomorrow, not last year); the provider turns them into
 * Orders. The phones are the ones the local simulator sends from, so their owners see their orders:
 *   npm run --silent simulate -- sms "where is my order A-100001?" --from +48600100200
 *   npm run --silent simulate -- whatsapp "pedido A-200001" --from 5511999990000
 * A-400002 belongs to nobody the simulator plays, to demonstrate that strangers see nothing.
 */
export interface DemoOrderSeed {
  readonly number: string;
  readonly status: OrderStatus;
  readonly placedDaysAgo: number;
  /** Days from now to the estimated delivery; only for orders still on their way. */
  readonly deliveryInDays?: number;
  readonly items: readonly OrderItem[];
  readonly trackingUrl?: string;
  readonly owner: OrderOwner;
}

export const DEMO_ORDER_SEEDS: readonly DemoOrderSeed[] = [
  {
    number: 'A-100001',
    status: 'shipped',
    placedDaysAgo: 2,
    deliveryInDays: 1,
    items: [
      { name: 'Alpha Buds Pro wireless earbuds', quantity: 1 },
      { name: 'USB-C charger 30 W', quantity: 1 },
    ],
    trackingUrl: 'https://tracking.courier.example/parcel/CX4821337PL',
    owner: { phone: '+48600100200', email: 'marta.nowak@alpha.example' },
  },
  {
    number: 'A-100002',
    status: 'processing',
    placedDaysAgo: 0,
    deliveryInDays: 2,
    items: [{ name: 'Alpha Home smart plug', quantity: 3 }],
    owner: { phone: '+48 600 100 200' },
  },
  {
    number: 'A-200001',
    status: 'delivered',
    placedDaysAgo: 9,
    items: [{ name: 'Alpha Tab 11 tablet', quantity: 1 }],
    trackingUrl: 'https://tracking.courier.example/parcel/CX5519004BR',
    owner: { phone: '+5511999990000', email: 'joao.silva@alpha.example' },
  },
  {
    number: 'A-200002',
    status: 'received',
    placedDaysAgo: 0,
    deliveryInDays: 3,
    items: [
      { name: 'Alpha Watch S2', quantity: 1 },
      { name: 'Sport band, black', quantity: 2 },
    ],
    owner: { phone: '+55 11 99999-0000' },
  },
  {
    number: 'A-300001',
    status: 'shipped',
    placedDaysAgo: 1,
    deliveryInDays: 1,
    items: [{ name: 'Alpha Laptop 14 Air', quantity: 1 }],
    trackingUrl: 'https://tracking.courier.example/parcel/CX1555000US',
    owner: { phone: '+1 (555) 000-1111', email: 'sam.taylor@alpha.example' },
  },
  {
    number: 'A-300002',
    status: 'cancelled',
    placedDaysAgo: 5,
    items: [{ name: 'HDMI cable 2 m', quantity: 2 }],
    owner: { phone: '+15550001111' },
  },
  {
    number: 'A-400001',
    status: 'processing',
    placedDaysAgo: 1,
    deliveryInDays: 2,
    items: [{ name: 'Alpha Speaker Mini', quantity: 1 }],
    owner: { email: 'Olivia.Reed@alpha.example' },
  },
  {
    number: 'A-400002',
    status: 'delivered',
    placedDaysAgo: 14,
    items: [{ name: 'Alpha Phone 12, 256 GB', quantity: 1 }],
    trackingUrl: 'https://tracking.courier.example/parcel/CX4477009GB',
    owner: { phone: '+447700900123', email: 'chris.doe@alpha.example' },
  },
];
