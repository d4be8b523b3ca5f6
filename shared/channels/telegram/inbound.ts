import type { TelegramCredentials } from '../credentials.ts';
import { type InboundAdapter, WEBHOOK_BODY_RULES } from '../inbound-adapter.ts';
import { parseTelegramUpdate } from './parse.ts';
import { telegramBotIdFromToken } from './send.ts';
import { isAuthenticTelegramRequest } from './verify.ts';

export function telegramInboundAdapter(
  credentials: (options: { refresh?: boolean }) => Promise<TelegramCredentials>,
): InboundAdapter {
  return {
    channel: 'telegram',
    body: WEBHOOK_BODY_RULES.telegram,
    async authenticate(request, { refreshCredentials }) {
      const { webhookSecret } = await credentials({ refresh: refreshCredentials });
      return isAuthenticTelegramRequest(request.headers, webhookSecret);
    },
    async parse(request, receivedAt) {
      const { botToken } = await credentials({});
      return parseTelegramUpdate(
        request.rawBody.toString('utf8'),
        telegramBotIdFromToken(botToken),
        receivedAt,
      );
    },
  };
}
