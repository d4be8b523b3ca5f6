import type { IncomingMessage, ServerResponse } from 'node:http';
import { DemoOrdersProvider } from '../../../bots/support/orders/demo-orders-provider.ts';
import {
  ORDERS_SIGNATURE_HEADER,
  ORDERS_TIMESTAMP_HEADER,
  verifyOrdersRequest,
} from '../../../bots/support/orders/orders-api-signature.ts';
import type { Order } from '../../../bots/support/orders/orders-provider.ts';

export interface OrdersApiOptions {
  /** Clock in milliseconds, for the 5-minute timestamp window. */
  readonly now?: () => number;
}

/**
 * A stand-in for a company's orders API, as the HTTP orders provider expects it to behave: every
 * request must carry a valid signature made within the last 5 minutes (401 otherwise, before any
 * lookup, so an unsigned caller cannot even learn whether an order exists), then
 *   GET  {base}/orders/{number}         → 200 order JSON | 404
 *   POST {base}/orders/{number}/cancel  → 200 {"result":"cancelled"|"too_late"} | 404
 * The signature covers the full request path as received (base path included), like a real server's.
 */
export function createOrdersApiListener(
  orders: readonly Order[],
  secret: string,
  basePath: string,
  options: OrdersApiOptions = {},
) {
  const store = new DemoOrdersProvider(orders);
  const now = options.now ?? Date.now;
  return async (request: IncomingMessage, response: ServerResponse, rawBody: Buffer): Promise<void> => {
    const reply = (status: number, body: Record<string, unknown>) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const target = request.url ?? '';
    const signed = verifyOrdersRequest(secret, {
      method: request.method ?? '',
      path: target,
      body: rawBody,
      timestamp: header(request, ORDERS_TIMESTAMP_HEADER),
      signature: header(request, ORDERS_SIGNATURE_HEADER),
      now: Math.floor(now() / 1000),
    });
    if (!signed) return reply(401, { error: 'invalid_signature' });

    const path = target.split('?')[0] ?? '';
    if (!path.startsWith(basePath)) return reply(404, { error: 'not_found' });
    const route = /^\/orders\/([^/]+)(\/cancel)?$/.exec(path.slice(basePath.length));
    const number = route?.[1] === undefined ? undefined : decodeURIComponent(route[1]);
    if (number === undefined) return reply(404, { error: 'not_found' });
    if (request.method === 'GET' && route?.[2] === undefined) {
      const order = await store.findOrder(number);
      return order === undefined ? reply(404, { error: 'not_found' }) : reply(200, { ...order });
    }
    if (request.method === 'POST' && route?.[2] !== undefined) {
      const result = await store.cancelOrder(number);
      return result === 'not_found' ? reply(404, { error: 'not_found' }) : reply(200, { result });
    }
    reply(405, { error: 'method_not_allowed' });
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
