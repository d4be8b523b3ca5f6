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
  ) {
    super(`${channel} ${method} failed with ${status} (${providerCode}): ${description}`);
  }

  /** Throttling and server errors are worth another try; other refusals will not change. */
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
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

const CONNECTION_NEVER_MADE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Classifies a fetch failure: did the request possibly reach the platform? */
export function mayHaveReachedPlatform(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return !(cause?.code && CONNECTION_NEVER_MADE.has(cause.code));
}
