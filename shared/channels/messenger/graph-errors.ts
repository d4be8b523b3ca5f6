import { ChannelApiError } from '../errors.ts';
import type { GraphErrorBody } from './wire-types.ts';

/** Worth another try: service unavailable (2), rate limits (4, 17, 32, 613), temporary send failure (1200). */
const RETRYABLE_CODES = new Set([2, 4, 17, 32, 613, 1200]);
/**
 * Will not change by retrying: permission or outside the window (10), invalid parameter or no
 * matching user (100), token (190), permission or person unavailable (200, 551), policy block (368).
 */
const PERMANENT_CODES = new Set([10, 100, 190, 200, 368, 551]);
/** Subcodes that make a usually transient code permanent (privacy terms not accepted, marketing cadence). */
const PERMANENT_SUBCODES = new Set([2018344, 2018354]);

/**
 * The Graph refusal as a ChannelApiError: providerCode is `code` or `code/subcode` as Meta lists
 * them, `retryable` follows Meta's codes before the HTTP status (throttles arrive as 400s), and the
 * retry hint comes from Retry-After or the business use case usage header.
 */
export function graphApiError(method: string, response: Response, body: unknown): ChannelApiError {
  const error = (body as GraphErrorBody | undefined)?.error;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const providerCode =
    code === undefined
      ? String(response.status)
      : subcode === undefined
        ? String(code)
        : `${code}/${subcode}`;
  const description =
    typeof error?.message === 'string' && error.message !== '' ? error.message : `HTTP ${response.status}`;
  const retryable = isRetryableGraphError(response.status, code, subcode, error?.is_transient === true);
  return new ChannelApiError(
    'messenger',
    method,
    response.status,
    providerCode,
    description,
    retryable ? retryAfterSeconds(response.headers) : undefined,
    retryable,
  );
}

export function isRetryableGraphError(
  status: number,
  code: number | undefined,
  subcode: number | undefined,
  isTransient: boolean,
): boolean {
  if (subcode !== undefined && PERMANENT_SUBCODES.has(subcode)) return false;
  if (code !== undefined && RETRYABLE_CODES.has(code)) return true;
  if (isTransient) return true;
  if (code !== undefined && PERMANENT_CODES.has(code)) return false;
  return status === 429 || status >= 500;
}

/** Retry-After in seconds, else the longest `estimated_time_to_regain_access` (minutes) Meta reports. */
function retryAfterSeconds(headers: Headers): number | undefined {
  const retryAfter = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter;
  const usage = headers.get('x-business-use-case-usage');
  if (!usage) return undefined;
  let minutes = 0;
  try {
    const parsed: unknown = JSON.parse(usage);
    for (const entries of Object.values(parsed as Record<string, unknown>)) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        const estimate = (entry as { estimated_time_to_regain_access?: unknown })
          ?.estimated_time_to_regain_access;
        if (typeof estimate === 'number' && Number.isFinite(estimate)) minutes = Math.max(minutes, estimate);
      }
    }
  } catch {
    return undefined;
  }
  return minutes > 0 ? minutes * 60 : undefined;
}
