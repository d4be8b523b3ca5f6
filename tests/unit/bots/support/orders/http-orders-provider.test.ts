import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { demoOrders } from '../../../../../bots/support/orders/demo-orders-provider.ts';
import {
  createHttpOrdersProvider,
  ORDERS_API_TIMEOUT_MS,
  ordersApiOptionsFromEnv,
} from '../../../../../bots/support/orders/http-orders-provider.ts';
import { OrdersUnavailableError } from '../../../../../bots/support/orders/orders-provider.ts';
import { createOrdersApiListener } from '../../../../../infra/local/sandbox/orders-api.ts';

const SECRET = 'test-orders-secret-d41d8cd98f00b204';
const BASE_PATH = '/sandbox/orders';
const NOW = new Date('2025-05-06T10:00:00Z');

type Handler = (request: IncomingMessage, response: ServerResponse, rawBody: Buffer) => Promise<void> | void;
let server: Server;
let origin: string;
/** What the server does: the fake orders API, or a misbehaving API a test swaps in. */
let handler: Handler;
const requests: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(request);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void handler(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  // Each test gets a fresh fake API with fresh demo orders (cancellations must not leak between tests).
  handler = createOrdersApiListener(demoOrders(NOW), SECRET, BASE_PATH);
  requests.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const provider = (overrides: Partial<Parameters<typeof createHttpOrdersProvider>[0]> = {}) =>
  createHttpOrdersProvider({ baseUrl: `${origin}${BASE_PATH}`, secret: SECRET, ...overrides });

async function unavailable(promise: Promise<unknown>): Promise<OrdersUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(OrdersUnavailableError);
  return error as OrdersUnavailableError;
}

function expectNoSecret(error: Error): void {
  const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error)}\n${String(error.cause)}`;
  expect(everything).not.toContain(SECRET);
}

describe('HTTP orders provider against the fake orders API', () => {
  it('gets an order with a valid signature', async () => {
    const order = await provider().findOrder('A-100001');
    expect(order).toMatchObject({
      number: 'A-100001',
      status: 'shipped',
      trackingUrl: 'https://tracking.courier.example/parcel/CX4821337PL',
      estimatedDelivery: '2025-05-07',
      owner: { phone: '+48600100200', email: 'marta.nowak@alpha.example' },
    });
    expect(requests[0]?.url).toBe('/sandbox/orders/orders/A-100001');
    expect(requests[0]?.headers['x-alpha-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  });

  it('answers undefined for an order the API does not know (404)', async () => {
    expect(await provider().findOrder('A-999999')).toBeUndefined();
  });

  it('does not call the API for a number that could break out of the path', async () => {
    expect(await provider().findOrder('../admin')).toBeUndefined();
    expect(await provider().findOrder('A-1?x=1')).toBeUndefined();
    expect(requests).toHaveLength(0);
  });

  it('a wrong secret is refused (401) and surfaces as unavailable, without the secret in the error', async () => {
    const error = await unavailable(provider({ secret: 'not-the-right-secret' }).findOrder('A-100001'));
    expect(error.reason).toBe('unauthorized');
    expect(error.status).toBe(401);
    expect(error.message).not.toContain('not-the-right-secret');
    expectNoSecret(error);
  });

  it('a request signed more than five minutes ago is refused as a replay', async () => {
    const sixMinutesAgo = () => Date.now() - 6 * 60 * 1000;
    const error = await unavailable(provider({ now: sixMinutesAgo }).findOrder('A-100001'));
    expect(error.status).toBe(401);
    const fourMinutesAgo = () => Date.now() - 4 * 60 * 1000;
    expect((await provider({ now: fourMinutesAgo }).findOrder('A-100001'))?.number).toBe('A-100001');
  });

  it('the fake API refuses unsigned requests before saying whether an order exists', async () => {
    const known = await fetch(`${origin}${BASE_PATH}/orders/A-100001`);
    const unknown = await fetch(`${origin}${BASE_PATH}/orders/A-999999`);
    expect([known.status, unknown.status]).toEqual([401, 401]);
    expect(await known.text()).toBe(await unknown.text());
  });

  it('cancels through the API until the order ships', async () => {
    const orders = provider();
    expect(await orders.cancelOrder?.('A-100002')).toBe('cancelled');
    expect((await orders.findOrder('A-100002'))?.status).toBe('cancelled');
    expect(await orders.cancelOrder?.('A-100001')).toBe('too_late');
    expect(await orders.cancelOrder?.('A-999999')).toBe('not_found');
    expect(requests.filter((request) => request.method === 'POST')).toHaveLength(3);
  });

  it.each([500, 502, 503, 429])('%i → OrdersUnavailableError', async (status) => {
    handler = (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end('{"error":"down"}');
    };
    const error = await unavailable(provider().findOrder('A-100001'));
    expect(error).toMatchObject({ reason: 'http_error', status });
    expectNoSecret(error);
  });

  it('a server that does not answer in time → OrdersUnavailableError (timeout)', async () => {
    handler = () => undefined;
    const started = Date.now();
    const error = await unavailable(provider({ timeoutMs: 150 }).findOrder('A-100001'));
    expect(error.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expectNoSecret(error);
  });

  it('a server that sends headers and then stalls the body also times out', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"number":');
    };
    expect((await unavailable(provider({ timeoutMs: 150 }).findOrder('A-100001'))).reason).toBe('timeout');
  });

  it.each([
    ['an unknown status', (body: Record<string, unknown>) => ({ ...body, status: 'teleported' })],
    ['another order than asked for', (body: Record<string, unknown>) => ({ ...body, number: 'A-400002' })],
    ['no owner', (body: Record<string, unknown>) => ({ ...body, owner: null })],
  ])('a response with %s → unavailable, never shown', async (_why, change) => {
    handler = (_request, response) => {
      const order = demoOrders(NOW).find((candidate) => candidate.number === 'A-100001');
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(change({ ...order })));
    };
    expect((await unavailable(provider().findOrder('A-100001'))).reason).toBe('bad_response');
  });

  it('a body that is not JSON → unavailable', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>Bad gateway</html>');
    };
    expect((await unavailable(provider().findOrder('A-100001'))).reason).toBe('bad_response');
  });

  it('a refused connection → unavailable (network)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await unavailable(
      createHttpOrdersProvider({ baseUrl: `http://127.0.0.1:${port}`, secret: SECRET }).findOrder('A-100001'),
    );
    expect(error.reason).toBe('network');
    expectNoSecret(error);
  });
});

describe('HTTP orders provider with an injected fetch', () => {
  it('gives up after 3 seconds by default', async () => {
    vi.useFakeTimers();
    let aborted = false;
    const hanging: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    const settled = vi.fn();
    const lookup = createHttpOrdersProvider({
      baseUrl: 'https://orders.alpha.example/api',
      secret: SECRET,
      fetch: hanging,
    })
      .findOrder('A-100001')
      .catch((error: unknown) => {
        settled(error);
      });
    await vi.advanceTimersByTimeAsync(ORDERS_API_TIMEOUT_MS - 1);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await lookup;
    expect(aborted).toBe(true);
    expect(settled.mock.calls[0]?.[0]).toMatchObject({ name: 'OrdersUnavailableError', reason: 'timeout' });
    expect(ORDERS_API_TIMEOUT_MS).toBe(3000);
  });

  it('signs the full path under the base URL and does not follow redirects', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const recording: typeof fetch = async (input, init) => {
      calls.push({ url: String(input), init });
      return new Response('', { status: 404 });
    };
    const orders = createHttpOrdersProvider({
      baseUrl: 'https://orders.alpha.example/api/',
      secret: SECRET,
      fetch: recording,
      now: () => 1_746_525_600_000,
    });
    expect(await orders.findOrder('A-100001')).toBeUndefined();
    expect(calls[0]?.url).toBe('https://orders.alpha.example/api/orders/A-100001');
    expect(calls[0]?.init?.redirect).toBe('error');
    expect(calls[0]?.init?.headers).toMatchObject({ 'X-Alpha-Timestamp': '1746525600' });
  });
});

describe('configuration', () => {
  it('reads ORDERS_API_URL and ORDERS_API_SECRET, and is off when neither is set', () => {
    expect(ordersApiOptionsFromEnv({})).toBeUndefined();
    expect(
      ordersApiOptionsFromEnv({ ORDERS_API_URL: 'https://orders.alpha.example', ORDERS_API_SECRET: 's' }),
    ).toEqual({
      baseUrl: 'https://orders.alpha.example',
      secret: 's',
    });
  });

  it('fails loudly when only one is set, naming the variable and never echoing the secret', () => {
    expect(() => ordersApiOptionsFromEnv({ ORDERS_API_URL: 'https://orders.alpha.example' })).toThrow(
      /ORDERS_API_SECRET/,
    );
    let message = '';
    try {
      ordersApiOptionsFromEnv({ ORDERS_API_SECRET: SECRET });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/ORDERS_API_URL/);
    expect(message).not.toContain(SECRET);
  });

  it('refuses clear-text http except on this machine, and URLs with credentials', () => {
    expect(() =>
      createHttpOrdersProvider({ baseUrl: 'http://orders.alpha.example', secret: SECRET }),
    ).toThrow(/https/);
    expect(() => createHttpOrdersProvider({ baseUrl: 'http://127.0.0.1:9/x', secret: SECRET })).not.toThrow();
    expect(() =>
      createHttpOrdersProvider({ baseUrl: 'https://u:p@orders.alpha.example', secret: SECRET }),
    ).toThrow(/credentials/);
    expect(() => createHttpOrdersProvider({ baseUrl: 'https://orders.alpha.example', secret: '' })).toThrow(
      /empty/,
    );
  });
});

describe('the key from Secrets Manager', () => {
  it('reads ORDERS_API_SECRET_ARN instead of a key in the environment', () => {
    const options = ordersApiOptionsFromEnv({
      ORDERS_API_URL: 'https://orders.alpha.example',
      ORDERS_API_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:orders-AbCdEf',
    });
    expect(options?.baseUrl).toBe('https://orders.alpha.example');
    expect(typeof options?.secret).toBe('function');
  });

  it('refetches the key once when the API refuses the signature (the company rotated it)', async () => {
    const reads: boolean[] = [];
    const orders = provider({
      secret: async ({ refresh }) => {
        reads.push(refresh);
        return refresh ? SECRET : 'the-key-before-rotation';
      },
    });
    const order = await orders.findOrder('A-100001');
    expect(order?.number).toBe('A-100001');
    expect(reads).toEqual([false, true]);
  });

  it('still answers unavailable when the fresh key is refused too', async () => {
    const orders = provider({ secret: async () => 'a-key-the-company-never-had' });
    const error = await unavailable(orders.findOrder('A-100001'));
    expect(error.reason).toBe('unauthorized');
    expect(requests).toHaveLength(2);
  });
});
