import { telegramCredentials } from '../../shared/channels/credentials.ts';
import type { InboundAdapter } from '../../shared/channels/inbound-adapter.ts';
import { telegramInboundAdapter } from '../../shared/channels/telegram/inbound.ts';
import type { WebhookChannel } from '../../shared/definitions.ts';

/** The inbound side of every channel, imported by path so the webhook bundle carries no send code. */
export function inboundAdapters(): Partial<Record<WebhookChannel, InboundAdapter>> {
  return {
    telegram: telegramInboundAdapter(telegramCredentials),
  };
}
