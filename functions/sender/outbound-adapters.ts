import { apiBaseUrl, telegramCredentials } from '../../shared/channels/credentials.ts';
import { messengerCredentials } from '../../shared/channels/messenger/credentials.ts';
import { messengerOutboundAdapter } from '../../shared/channels/messenger/outbound.ts';
import { MESSENGER_DEFAULT_API_URL } from '../../shared/channels/messenger/send.ts';
import type { OutboundAdapter } from '../../shared/channels/outbound-adapter.ts';
import { twilioCredentials } from '../../shared/channels/sms/credentials.ts';
import { smsOutboundAdapter } from '../../shared/channels/sms/outbound.ts';
import { TWILIO_DEFAULT_API_URL } from '../../shared/channels/sms/send.ts';
import { telegramOutboundAdapter } from '../../shared/channels/telegram/outbound.ts';
import { TELEGRAM_DEFAULT_API_URL } from '../../shared/channels/telegram/send.ts';
import { whatsappCredentials, whatsappTemplateFromEnv } from '../../shared/channels/whatsapp/credentials.ts';
import { whatsappOutboundAdapter } from '../../shared/channels/whatsapp/outbound.ts';
import { WHATSAPP_DEFAULT_API_URL } from '../../shared/channels/whatsapp/send.ts';
import { optionalEnv } from '../../shared/config.ts';
import { ENV } from '../../shared/definitions.ts';
import type { Channel } from '../../shared/domain/channel.ts';

/** The send side of every channel, each pointed at its platform (or the local sandbox / a test server). */
export function outboundAdapters(): Record<Channel, OutboundAdapter> {
  const publicBaseUrl = optionalEnv(ENV.publicBaseUrl);
  const template = whatsappTemplateFromEnv();
  return {
    telegram: telegramOutboundAdapter({
      credentials: () => telegramCredentials(),
      apiUrl: apiBaseUrl(ENV.telegramApiUrl, TELEGRAM_DEFAULT_API_URL),
    }),
    whatsapp: whatsappOutboundAdapter({
      credentials: () => whatsappCredentials(),
      apiUrl: apiBaseUrl(ENV.graphApiUrl, WHATSAPP_DEFAULT_API_URL),
      ...(template ? { template } : {}),
    }),
    messenger: messengerOutboundAdapter({
      credentials: () => messengerCredentials(),
      apiUrl: apiBaseUrl(ENV.graphApiUrl, MESSENGER_DEFAULT_API_URL),
    }),
    sms: smsOutboundAdapter({
      credentials: () => twilioCredentials(),
      apiUrl: apiBaseUrl(ENV.twilioApiUrl, TWILIO_DEFAULT_API_URL),
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
    }),
  };
}
