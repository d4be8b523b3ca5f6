import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How requests to a company's orders API are signed, so the company can check that a request came
 * from this layer, was not altered, and is not an old request replayed.
 *
 * Every request carries two headers:
 *   X-Alpha-Timestamp: <unix time in seconds when the request was made, e.g. 1746612345>
 *   X-Alpha-Signature: v1=<lower-case hex HMAC-SHA256(ORDERS_API_SECRET, base)>
 * where `base` is these four parts joined by a single "\n" (line feed):
 *   1. the timestamp, exactly as sent in X-Alpha-Timestamp;
 *   2. the HTTP method in upper case ("GET", "POST");
 *   3. the request path exactly as sent on the request line — including any path prefix of
 *      ORDERS_API_URL, percent-encoding as sent, and the query string if there is one
 *      (e.g. "/api/orders/A-123456");
 *   4. the lower-case hex SHA-256 of the raw request body bytes (for a request without a body, the hash
 *      of the empty string: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855).
 * The HMAC key is the UTF-8 bytes of the shared secret.
 *
 * To verify: recompute the signature from the received request, compare it in constant time, and
 * reject (401) requests whose timestamp is more than 5 minutes away from your clock in either
 * direction. verifyOrdersRequest below does all of that and can serve as a reference.
 */
export const ORDERS_TIMESTAMP_HEADER = 'X-Alpha-Timestamp';
export const ORDERS_SIGNATURE_HEADER = 'X-Alpha-Signature';
/** Replay window: long enough for clock drift between two servers, short enough to make replays useless. */
export const ORDERS_SIGNATURE_TOLERANCE_SECONDS = 300;

const SIGNATURE_PATTERN = /^v1=([0-9a-f]{64})$/;

export interface OrdersRequestToSign {
  readonly method: string;
  /** Path and query as they appear on the request line. */
  readonly path: string;
  /** Raw body; omit for GET. */
  readonly body?: string | Uint8Array;
  /** Unix time in seconds. */
  readonly timestamp: number;
}

export interface OrdersSignatureHeaders {
  readonly 'X-Alpha-Timestamp': string;
  readonly 'X-Alpha-Signature': string;
}

/** The two headers that sign one request. */
export function signOrdersRequest(secret: string, request: OrdersRequestToSign): OrdersSignatureHeaders {
  // An empty key would still produce a valid-looking HMAC that anybody can compute.
  if (secret.length === 0) throw new Error('The orders API secret is empty');
  const timestamp = String(Math.floor(request.timestamp));
  const signature = hmac(secret, timestamp, request.method, request.path, request.body).toString('hex');
  return { 'X-Alpha-Timestamp': timestamp, 'X-Alpha-Signature': `v1=${signature}` };
}

export interface OrdersRequestToVerify {
  readonly method: string;
  readonly path: string;
  readonly body?: string | Uint8Array;
  /** The X-Alpha-Timestamp header as received (undefined when missing). */
  readonly timestamp: string | undefined;
  /** The X-Alpha-Signature header as received (undefined when missing). */
  readonly signature: string | undefined;
  /** The verifier's clock, unix seconds. */
  readonly now: number;
  readonly toleranceSeconds?: number;
}

/** Whether a received request was signed with this secret within the replay window. Constant time. */
export function verifyOrdersRequest(secret: string, request: OrdersRequestToVerify): boolean {
  if (secret.length === 0 || request.timestamp === undefined || request.signature === undefined) return false;
  if (!/^\d{1,12}$/.test(request.timestamp)) return false;
  const tolerance = request.toleranceSeconds ?? ORDERS_SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(request.now - Number(request.timestamp)) > tolerance) return false;
  // The pattern fixes the length (32 bytes), which timingSafeEqual requires; anything else is not ours.
  const received = SIGNATURE_PATTERN.exec(request.signature.trim().toLowerCase())?.[1];
  if (received === undefined) return false;
  const expected = hmac(secret, request.timestamp, request.method, request.path, request.body);
  return timingSafeEqual(Buffer.from(received, 'hex'), expected);
}

function hmac(
  secret: string,
  timestamp: string,
  method: string,
  path: string,
  body: string | Uint8Array | undefined,
): Buffer {
  const bodyHash = createHash('sha256')
    .update(body ?? '')
    .digest('hex');
  return createHmac('sha256', secret)
    .update(`${timestamp}\n${method.toUpperCase()}\n${path}\n${bodyHash}`)
    .digest();
}
