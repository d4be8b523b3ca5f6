import { errorResponse, type HttpResponse } from '../../http/types.ts';
import { isSameSecret } from '../secret-compare.ts';

/** Meta's challenge is a short number; anything long is not Meta and is not echoed. */
const MAX_CHALLENGE_LENGTH = 512;

/**
 * Meta's GET subscription handshake: when `hub.mode` is `subscribe` and `hub.verify_token` is ours,
 * echo `hub.challenge` as text/plain (never HTML, so nothing is reflected into a page); 403 otherwise.
 */
export function metaHandshake(
  query: Readonly<Record<string, string | undefined>>,
  verifyToken: string,
): HttpResponse {
  const challenge = query['hub.challenge'];
  const accepted =
    query['hub.mode'] === 'subscribe' &&
    isSameSecret(query['hub.verify_token'], verifyToken) &&
    typeof challenge === 'string' &&
    challenge.length > 0 &&
    challenge.length <= MAX_CHALLENGE_LENGTH;
  if (!accepted || challenge === undefined) {
    return errorResponse(403, 'verification_failed', 'The subscription request was not verified');
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    body: challenge,
  };
}
