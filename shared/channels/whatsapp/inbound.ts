import { type InboundAdapter, WEBHOOK_BODY_RULES } from '../inbound-adapter.ts';
import type { WhatsappCredentials } from './credentials.ts';
import { whatsappHandshake } from './handshake.ts';
import { parseWhatsappWebhook } from './parse.ts';
import { isAuthenticWhatsappRequest } from './verify.ts';

export function whatsappInboundAdapter(
  credentials: (options: { refresh?: boolean }) => Promise<WhatsappCredentials>,
): InboundAdapter {
  return {
    channel: 'whatsapp',
    body: WEBHOOK_BODY_RULES.whatsapp,
    async handshake(request) {
      const { verifyToken } = await credentials({});
      return whatsappHandshake(request, verifyToken);
    },
    async authenticate(request, { refreshCredentials }) {
      const { appSecret } = await credentials({ refresh: refreshCredentials });
      return isAuthenticWhatsappRequest(request.headers, request.rawBody, appSecret);
    },
    async parse(request, receivedAt) {
      return parseWhatsappWebhook(request.rawBody.toString('utf8'), receivedAt);
    },
  };
}
