import { type InboundAdapter, WEBHOOK_BODY_RULES } from '../inbound-adapter.ts';
import type { MessengerCredentials } from './credentials.ts';
import { messengerHandshake } from './handshake.ts';
import { parseMessengerWebhook } from './parse.ts';
import { isAuthenticMessengerRequest } from './verify.ts';

/**
 * The Messenger webhook: the GET handshake, the X-Hub-Signature-256 check on the raw bytes, and
 * parsing. The Page each event belongs to comes from the body, so one app can serve several Pages.
 */
export function messengerInboundAdapter(
  credentials: (options: { refresh?: boolean }) => Promise<MessengerCredentials>,
): InboundAdapter {
  return {
    channel: 'messenger',
    body: WEBHOOK_BODY_RULES.messenger,
    async handshake(request) {
      const { verifyToken } = await credentials({});
      return messengerHandshake(request.query, verifyToken);
    },
    async authenticate(request, { refreshCredentials }) {
      const { appSecret } = await credentials({ refresh: refreshCredentials });
      return isAuthenticMessengerRequest(request.headers, request.rawBody, appSecret);
    },
    async parse(request, receivedAt) {
      return parseMessengerWebhook(request.rawBody.toString('utf8'), receivedAt);
    },
  };
}
