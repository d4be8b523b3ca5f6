import { ORDER_STATUSES, type Order, type OrderItem, type OrderStatus } from './orders-provider.ts';

/**
 * The orders API's JSON, checked field by field before anything reaches a customer. Whatever does not
 * fit (an unknown status, a missing owner, a tracking link that is not https) makes the whole answer
 * unusable rather than half-shown: the caller treats undefined as "orders unavailable". Only the known
 * fields are copied, so extra data an API might return (addresses, payment details) is never passed on.
 *
 * Expected shape (optional fields may be absent, null or ""):
 *   { "number": "A-123456", "status": "received|processing|shipped|delivered|cancelled",
 *     "placedAt": "2025-05-03T10:15:00Z", "items": [{ "name": "…", "quantity": 1 }],
 *     "trackingUrl": "https://…", "estimatedDelivery": "2025-05-07",
 *     "owner": { "phone": "+48600100200", "email": "…" } }
 */
export function orderFromPayload(payload: unknown): Order | undefined {
  if (!isRecord(payload)) return undefined;
  const { number, status, placedAt, items, owner } = payload;
  if (typeof number !== 'string' || !SAFE_ORDER_NUMBER.test(number)) return undefined;
  if (!isStatus(status) || !isDate(placedAt) || !Array.isArray(items) || items.length > MAX_ITEMS) {
    return undefined;
  }
  const parsedItems = items.map(itemFrom);
  if (!parsedItems.every((item): item is OrderItem => item !== undefined)) return undefined;
  const trackingUrl = optionalText(payload.trackingUrl);
  const estimatedDelivery = optionalText(payload.estimatedDelivery);
  if (trackingUrl === null || (trackingUrl !== undefined && !isHttpsUrl(trackingUrl))) return undefined;
  if (estimatedDelivery === null || (estimatedDelivery !== undefined && !isDate(estimatedDelivery))) {
    return undefined;
  }
  if (!isRecord(owner)) return undefined;
  const phone = optionalText(owner.phone);
  const email = optionalText(owner.email);
  if (phone === null || email === null) return undefined;
  return {
    number,
    status,
    placedAt,
    items: parsedItems,
    ...(trackingUrl === undefined ? {} : { trackingUrl }),
    ...(estimatedDelivery === undefined ? {} : { estimatedDelivery }),
    owner: { ...(phone === undefined ? {} : { phone }), ...(email === undefined ? {} : { email }) },
  };
}

/** Characters that can go into a URL path segment without encoding tricks ("..", "/", "?"). */
export const SAFE_ORDER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;
const MAX_ITEMS = 100;
const MAX_ITEM_NAME = 200;

function itemFrom(value: unknown): OrderItem | undefined {
  if (!isRecord(value)) return undefined;
  const { name, quantity } = value;
  if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_ITEM_NAME) return undefined;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 10_000) {
    return undefined;
  }
  return { name: name.trim(), quantity };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}

/** undefined when absent/null/"", the text when it is a string, null when it is something else. */
function optionalText(value: unknown): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && value.length <= 2000 ? value : null;
}

/** Only https links are shown to customers: a javascript: or http: link from a broken API must not be. */
function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
