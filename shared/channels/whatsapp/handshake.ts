import type { HttpRequest, HttpResponse } from '../../http/types.ts';
import { isWhatsappVerifyToken } from './verify.ts';

/**
 * Meta's subscription check: GET ?hub.mode=subscribe&hub.verify_token=…&hub.challenge=… is
 * answered 200 with the challenge as plain text when the token is ours, 403 otherwise.
 */
export function whatsappHandshake(request: HttpRequest, verifyToken: string): HttpResponse {
  const challenge = request.query['hub.challenge'];
  const accepted =
    request.query['hub.mode'] === 'subscribe' &&
    isWhatsappVerifyToken(request.query['hub.verify_token'], verifyToken) &&
    challenge !== undefined &&
    challenge !== '';
  if (!accepted) return { statusCode: 403, headers: { 'content-type': 'text/plain' }, body: 'Forbidden' };
  return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: challenge };
}
