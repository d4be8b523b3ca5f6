import { orderFromPayload, SAFE_ORDER_NUMBER } from './order-payload.ts';
import { signOrdersRequest } from './orders-api-signature.ts';
import {
  type CancelOrderResult,
  type Order,
  type OrdersProvider,
  OrdersUnavailableError,
} from './orders-provider.ts';

export { signOrdersRequest, verifyOrdersRequest } from './orders-api-signature.ts';

/**
 * The orders port over a company's own orders API:
 *   GET  {ORDERS_API_URL}/orders/{number}         200 → the order as JSON (see order-payload.ts), 404 → none
 *   POST {ORDERS_API_URL}/orders/{number}/cancel  200 → {"result":"cancelled"|"too_late"}, 404 → none
 * Every request is signed (see orders-api-signature.ts). Anything but those answers — a timeout, a
 * network error, 401/403, 429, 5xx, a malformed body, an unknown status — becomes an
 * OrdersUnavailableError, so the bot can offer a person instead of guessing.
 */
export const ORDERS_API_ENV = {
  url: 'ORDERS_API_URL',
  /** The HMAC key itself: local runs and tests only. */
  secret: 'ORDERS_API_SECRET',
  /** On AWS: the Secrets Manager secret whose SecretString is the HMAC key (never the key in an env var). */
  secretArn: 'ORDERS_API_SECRET_ARN',
} as const;

/** Cached like the channel credentials; a 401/403 refetches at once, so a rotated key takes effect. */
const ORDERS_SECRET_MAX_AGE_SECONDS = 300;

/** Reads the HMAC key; `refresh` bypasses any cache (after the API refused the signature). */
export type OrdersSecretSource = (options: { readonly refresh: boolean }) => Promise<string>;

/** Long enough for a healthy API, short enough that the customer's turn still answers within seconds. */
export const ORDERS_API_TIMEOUT_MS = 3000;
const MAX_RESPONSE_CHARS = 64 * 1024;

export interface HttpOrdersProviderOptions {
  /** ORDERS_API_URL, e.g. "https://orders.company.example/api"; https unless it is a loopback address. */
  readonly baseUrl: string;
  /** The HMAC key shared with the company, or where to read it (Secrets Manager on AWS). */
  readonly secret: string | OrdersSecretSource;
  readonly fetch?: typeof globalThis.fetch;
  readonly timeoutMs?: number;
  /** Clock in milliseconds, for the signature timestamp. */
  readonly now?: () => number;
}

/** The HMAC key from a Secrets Manager secret (its whole SecretString), through Powertools' cache. */
export function secretsManagerOrdersSecret(secretArn: string): OrdersSecretSource {
  return async ({ refresh }) => {
    // Loaded lazily so local runs and tests never touch Secrets Manager.
    const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
    const value = await getSecret<string>(secretArn, {
      maxAge: ORDERS_SECRET_MAX_AGE_SECONDS,
      forceFetch: refresh,
    });
    if (typeof value !== 'string' || value.length === 0) throw new Error('The orders API secret is empty');
    return value;
  };
}

/**
 * The API's settings from the environment, or undefined when neither is set (the bot then uses the
 * demo provider). Setting only one of them is a mistake worth failing loudly on at cold start. On
 * AWS the key comes from Secrets Manager (ORDERS_API_SECRET_ARN), read when first needed.
 */
export function ordersApiOptionsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Pick<HttpOrdersProviderOptions, 'baseUrl' | 'secret'> | undefined {
  const baseUrl = env[ORDERS_API_ENV.url] || undefined;
  const secretArn = env[ORDERS_API_ENV.secretArn] || undefined;
  if (baseUrl !== undefined && secretArn !== undefined) {
    return { baseUrl, secret: secretsManagerOrdersSecret(secretArn) };
  }
  const secret = env[ORDERS_API_ENV.secret] || undefined;
  if (baseUrl === undefined && secret === undefined) return undefined;
  if (baseUrl === undefined)
    throw new Error(`${ORDERS_API_ENV.secret} is set but ${ORDERS_API_ENV.url} is not`);
  if (secret === undefined)
    throw new Error(`${ORDERS_API_ENV.url} is set but ${ORDERS_API_ENV.secret} is not`);
  return { baseUrl, secret };
}

export function createHttpOrdersProvider(options: HttpOrdersProviderOptions): OrdersProvider {
  const base = checkedBaseUrl(options.baseUrl);
  if (typeof options.secret === 'string' && options.secret.length === 0)
    throw new Error(`${ORDERS_API_ENV.secret} is empty`);
  const fixed = options.secret;
  const readSecret: OrdersSecretSource = typeof fixed === 'string' ? async () => fixed : fixed;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? ORDERS_API_TIMEOUT_MS;
  const now = options.now ?? Date.now;

  /**
   * One signed call; when the API refuses the signature and the key can rotate, one more with the key
   * fetched afresh (the company rotated it, our cache still holds the old one).
   */
  async function call(method: 'GET' | 'POST', path: string): Promise<{ status: number; text: string }> {
    const first = await signedCall(method, path, false);
    if ((first.status === 401 || first.status === 403) && typeof fixed !== 'string') {
      return signedCall(method, path, true);
    }
    return first;
  }

  async function signedCall(
    method: 'GET' | 'POST',
    path: string,
    refreshSecret: boolean,
  ): Promise<{ status: number; text: string }> {
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${path}`, base);
    const body = method === 'POST' ? '' : undefined;
    let secret: string;
    try {
      secret = await readSecret({ refresh: refreshSecret });
    } catch (error) {
      throw new OrdersUnavailableError('unauthorized', undefined, { cause: error });
    }
    const signature = signOrdersRequest(secret, {
      method,
      path: `${url.pathname}${url.search}`,
      body,
      timestamp: Math.floor(now() / 1000),
    });
    const controller = new AbortController();
    // One timer for the whole exchange: a server that sends headers and then stalls is as slow as a silent one.
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(url, {
        method,
        headers: { accept: 'application/json', ...signature },
        ...(body === undefined ? {} : { body }),
        signal: controller.signal,
        // A redirect would send the signed request to a host the company did not configure.
        redirect: 'error',
      });
      const text = await response.text();
      return { status: response.status, text };
    } catch (error) {
      if (controller.signal.aborted) throw new OrdersUnavailableError('timeout', undefined, { cause: error });
      throw new OrdersUnavailableError('network', undefined, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async findOrder(orderNumber: string): Promise<Order | undefined> {
      // Not a number any order could have: no need to ask, and nothing odd ends up in the URL path.
      if (!SAFE_ORDER_NUMBER.test(orderNumber)) return undefined;
      const { status, text } = await call('GET', `/orders/${orderNumber}`);
      if (status === 404) return undefined;
      expectOk(status);
      const order = orderFromPayload(parseJson(text, status));
      // An answer about another order is a bug on the other side; showing it could leak a stranger's order.
      if (order === undefined || order.number !== orderNumber) {
        throw new OrdersUnavailableError('bad_response', status);
      }
      return order;
    },

    async cancelOrder(orderNumber: string): Promise<CancelOrderResult> {
      if (!SAFE_ORDER_NUMBER.test(orderNumber)) return 'not_found';
      const { status, text } = await call('POST', `/orders/${orderNumber}/cancel`);
      if (status === 404) return 'not_found';
      expectOk(status);
      const payload = parseJson(text, status);
      const result =
        typeof payload === 'object' && payload !== null && 'result' in payload ? payload.result : undefined;
      if (result === 'cancelled' || result === 'too_late') return result;
      throw new OrdersUnavailableError('bad_response', status);
    },
  };
}

function checkedBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`${ORDERS_API_ENV.url} is not a URL`);
  }
  // Orders and their owners' contacts are personal data: never in clear text over a network. A fake API
  // on this machine needs no TLS.
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new Error(`${ORDERS_API_ENV.url} must use https`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new Error(`${ORDERS_API_ENV.url} must not contain credentials, a query or a fragment`);
  }
  return url;
}

function expectOk(status: number): void {
  if (status === 401 || status === 403) throw new OrdersUnavailableError('unauthorized', status);
  if (status !== 200) throw new OrdersUnavailableError('http_error', status);
}

function parseJson(text: string, status: number): unknown {
  if (text.length > MAX_RESPONSE_CHARS) throw new OrdersUnavailableError('bad_response', status);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OrdersUnavailableError('bad_response', status);
  }
}
