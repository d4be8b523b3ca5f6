import type { Channel } from '../domain/channel.ts';

/** The platform answered and refused the call. */
export class ChannelApiError extends Error {
  override readonly name = 'ChannelApiError';
  constructor(
    readonly channel: Channel,
    readonly method: string,
    /** HTTP status of the platform's answer. */
    readonly status: number,
    /** The platform's own error code, as text (Telegram error_code, Graph error code, Twilio code). */
    readonly providerCode: string,
    readonly description: string,
    /** Seconds the platform asked us to wait (Telegram `retry_after`, HTTP Retry-After). */
    readonly retryAfterSeconds?: number,
    /**
     * Whether another try can succeed. Defaults to throttling and server errors; adapters set it
     * from the platform's own codes (Graph 130429 and 131056 arrive as HTTP 400 but are throttles).
     */
    retryable?: boolean,
  ) {
    super(`${channel} ${method} failed with ${status} (${providerCode}): ${description}`);
    this.retryable = retryable ?? (status === 429 || status >= 500);
  }

  readonly retryable: boolean;
}

/**
 * No answer from the platform. `mayHaveReachedPlatform` is false only when the connection was never
 * made (refused, DNS): then a retry cannot duplicate the message. Messages never carry the URL,
 * because bot tokens live in it.
 */
export class ChannelNetworkError extends Error {
  override readonly name = 'ChannelNetworkError';
  constructor(
    readonly channel: Channel,
    readonly method: string,
    readonly mayHaveReachedPlatform: boolean,
    options: { cause: unknown },
  ) {
    super(`${channel} ${method}: no answer from the platform`, options);
  }
}

/** The message cannot be expressed on the platform at all (empty text, oversized button payload). */
export class UndeliverableMessageError extends Error {
  override readonly name = 'UndeliverableMessageError';
  constructor(
    readonly channel: Channel,
    readonly reason: string,
  ) {
    super(`${channel}: ${reason}`);
  }
}

/** Failures that happen before any byte leaves: a retry cannot duplicate anything. */
const CONNECTION_NEVER_MADE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);

/** Classifies a fetch failure: did the request possibly reach the platform? */
export function mayHaveReachedPlatform(error: unknown): boolean {
  const code = errorCode(error);
  return !(code && CONNECTION_NEVER_MADE.has(code));
}

function errorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * A fetch failure reduced to what is safe to log: name, code and message with `secret` masked
 * (bot tokens live in Telegram's URLs, and fetch quotes the URL in some errors).
 */
export function redactedCause(error: unknown, secret: string): Error {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  const safe = new Error(secret ? message.split(secret).join('<redacted>') : message);
  safe.name = error instanceof Error ? error.name : 'Error';
  if (code) Object.assign(safe, { code });
  return safe;
}
