import type { TableRef } from '../../../shared/store/dynamo.ts';
import { type ResetPageRequest, type ResetPageResponse, resetPageResponse } from './reset-page.ts';
import { redeemResetToken } from './reset-tokens.ts';

export interface DemoResetRequest extends ResetPageRequest {
  /** The query string's `token` value, as the route received it (absent or repeated: undefined). */
  readonly token: string | undefined;
}

/**
 * The whole `GET /demo/reset?token=` route for the local runtime: spend the token, answer the page.
 * The demo has no password store, so spending the token on open is the demonstration; a real page
 * would check it on GET and spend it when the new password is POSTed, because mail scanners that
 * prefetch links would otherwise use it up before the customer clicks.
 */
export async function handleDemoResetRequest(
  table: TableRef,
  request: DemoResetRequest,
  now: Date,
): Promise<ResetPageResponse> {
  const outcome = request.token ? await redeemResetToken(table, request.token, now) : 'unknown';
  return resetPageResponse(outcome, request);
}
