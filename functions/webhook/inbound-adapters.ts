import { telegramCredentials } from '../../shared/channels/credentials.ts';
import type { InboundAdapter } from '../../shared/channels/inbound-adapter.ts';
import { messengerCredentials } from '../../shared/channels/messenger/credentials.ts';
import { messengerInboundAdapter } from '../../shared/channels/messenger/inbound.ts';
import { twilioCredentials } from '../../shared/channels/sms/credentials.ts';
import { smsInboundAdapter } from '../../shared/channels/sms/inbound.ts';
import { telegramInboundAdapter } from '../../shared/channels/telegram/inbound.ts';
import { whatsappCredentials } from '../../shared/channels/whatsapp/credentials.ts';
import { whatsappInboundAdapter } from '../../shared/channels/whatsapp/inbound.ts';
import { optionalEnv } from '../../shared/config.ts';
import { ENV, type WebhookChannel } from '../../shared/definitions.ts';
import type { HttpRequest } from '../../shared/http/types.ts';

/**
 * Twilio signs the URL it called. PUBLIC_BASE_URL names it (custom domain, or locally the runtime);
 * without it, the domain API Gateway itself received the request on (its default execute-api URL).
 */
function publicBaseUrl(request: HttpRequest): string {
  return optionalEnv(ENV.publicBaseUrl) ?? `https://${request.domainName ?? ''}`;
}

/** The inbound side of every channel, imported by path so the webhook bundle carries no send code. */
export function inboundAdapters(): Record<WebhookChannel, InboundAdapter> {
  return {
    telegram: telegramInboundAdapter(telegramCredentials),
    whatsapp: whatsappInboundAdapter(whatsappCredentials),
    messenger: messengerInboundAdapter(messengerCredentials),
    sms: smsInboundAdapter(twilioCredentials, { publicBaseUrl }),
  };
}
