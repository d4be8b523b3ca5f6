/**
 * The orders port: how the bot learns about a customer's order without knowing where orders live.
 * Two adapters implement it: the demo provider (sample orders, no network) and the HTTP integration
 * with the company's own order system (signed requests).
 */

/** Statuses as the help centre names them (Order received → Processing → Shipped → Delivered), plus cancelled. */
export type OrderStatus = 'received' | 'processing' | 'shipped' | 'delivered' | 'cancelled';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'received',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
];

export interface OrderItem {
  readonly name: string;
  readonly quantity: number;
}

/**
 * Who placed the order, as the order system recorded it. The bot reveals an order only when one of
 * these matches a phone or e-mail verified on the customer's own channels (see ownership.ts).
 */
export interface OrderOwner {
  /** Preferably E.164 ("+48600100200"); spaces, dashes, dots, parentheses and a "00" prefix are tolerated. */
  readonly phone?: string;
  readonly email?: string;
}

export interface Order {
  /** Canonical order number, e.g. "A-123456" (see order-number.ts). */
  readonly number: string;
  readonly status: OrderStatus;
  /** ISO 8601 timestamp. */
  readonly placedAt: string;
  readonly items: readonly OrderItem[];
  /** The courier's tracking page, once the order has shipped. */
  readonly trackingUrl?: string;
  /** ISO 8601 date ("2025-05-07") or timestamp. */
  readonly estimatedDelivery?: string;
  readonly owner: OrderOwner;
}

/** The outcome of a cancellation; cancelling an already cancelled order is 'cancelled', so retries are safe. */
export type CancelOrderResult = 'cancelled' | 'too_late' | 'not_found';

export interface OrdersProvider {
  /**
   * The order with this canonical number, or undefined when there is none. Throws
   * OrdersUnavailableError when the order system cannot answer (the bot then offers a person).
   * The provider does not know who is asking: the caller must check ownsOrder before showing anything.
   */
  findOrder(orderNumber: string): Promise<Order | undefined>;
  /**
   * Cancels an order that has not shipped yet. Optional because not every order system lets the bot
   * do it. Like findOrder it trusts the caller: check ownsOrder on the found order first.
   */
  cancelOrder?(orderNumber: string): Promise<CancelOrderResult>;
}

/**
 * The order system did not give a usable answer (timeout, network, 5xx, rejected signature, a
 * malformed or unknown response). Messages never include the URL, the secret or the order details.
 */
export class OrdersUnavailableError extends Error {
  override readonly name = 'OrdersUnavailableError';
  constructor(
    readonly reason: 'timeout' | 'network' | 'unauthorized' | 'http_error' | 'bad_response',
    /** HTTP status, when the order system answered at all. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`Orders API unavailable: ${reason}${status === undefined ? '' : ` (HTTP ${status})`}`, options);
  }
}

/** The statuses from which the help centre lets a customer cancel ("until it is Shipped"). */
export function isCancellable(status: OrderStatus): boolean {
  return status === 'received' || status === 'processing';
}
