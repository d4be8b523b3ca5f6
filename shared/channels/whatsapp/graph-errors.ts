import { ChannelApiError } from '../errors.ts';
import type { GraphErrorBody } from './wire-types.ts';

/**
 * Graph/Cloud API codes where another try can succeed. Meta answers most of them with HTTP 400,
 * so the code decides, not the status: throttles (4 app, 80007 WABA, 130429 throughput, 131056
 * pair rate limit) and transient server trouble (1, 2, 131000, 131016, 131057).
 */
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131056, 131057]);

/**
 * Refusals that will not change by waiting: bad request (100), token (190) and permission (10,
 * 200-299), account blocked or restricted (368, 131031), window closed (131047), undeliverable
 * (131026), spam and marketing limits (131048-131050), unsupported or unusable message (131051-131053),
 * BSUID recipients not supported for this message (131062), template problems (132xxx).
 */
const PERMANENT_CODES = new Set([
  0, 3, 10, 100, 190, 368, 131005, 131008, 131009, 131021, 131026, 131031, 131042, 131045, 131047, 131048,
  131049, 131050, 131051, 131052, 131053, 131062, 133010,
]);

/** Pair rate limit: one message to the same customer every 6 seconds (Meta's throughput guide). */
const PAIR_RATE_LIMIT_SECONDS = 6;

export function isRetryableGraphCode(code: number | undefined, httpStatus: number): boolean {
  if (code !== undefined) {
    if (RETRYABLE_CODES.has(code)) return true;
    if (PERMANENT_CODES.has(code) || (code >= 200 && code <= 299) || (code >= 132000 && code < 133000))
      return false;
  }
  return httpStatus === 429 || httpStatus >= 500;
}

/** A refusal from the Graph API as a ChannelApiError with Meta's code and retry decision. */
export function graphApiError(
  method: string,
  httpStatus: number,
  body: GraphErrorBody | undefined,
  retryAfterHeader: string | null,
  /** Masked out of the description, should Meta ever quote what we sent. */
  secret: string,
): ChannelApiError {
  const error = body?.error;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const details = error?.error_data?.details;
  const message = error?.message ?? `HTTP ${httpStatus}`;
  const subcode = error?.error_subcode !== undefined ? ` [subcode ${error.error_subcode}]` : '';
  const described =
    details && !message.includes(details) ? `${message}: ${details}${subcode}` : `${message}${subcode}`;
  const description = secret ? described.split(secret).join('<redacted>') : described;
  return new ChannelApiError(
    'whatsapp',
    method,
    httpStatus,
    String(code ?? httpStatus),
    description,
    retryAfterSeconds(retryAfterHeader) ?? (code === 131056 ? PAIR_RATE_LIMIT_SECONDS : undefined),
    isRetryableGraphCode(code, httpStatus),
  );
}

function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}
