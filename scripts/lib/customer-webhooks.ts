/**
 * A customer's text message as each platform posts it to our webhook, signed the way that platform
 * signs it (envelopes from infra/local/simulator/platform-webhooks.ts), with ids chosen by the
 * caller. Shared by the reliability tests and the load tool.
 */
import {
  LOCAL_BUSINESS,
  type SignedWebhook,
  signedMessengerEvents,
  signedTelegramUpdate,
  signedTwilioForm,
  signedWhatsappValue,
} from '../../infra/local/simulator/platform-webhooks.ts';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';

export const WEBHOOK_CHANNELS = Object.keys(WEBHOOK_ROUTES) as WebhookChannel[];

export interface ChannelSecretsForSigning {
  readonly TELEGRAM_WEBHOOK_SECRET: string;
  readonly WHATSAPP_APP_SECRET: string;
  readonly MESSENGER_APP_SECRET: string;
  readonly TWILIO_ACCOUNT_SID: string;
  readonly TWILIO_AUTH_TOKEN: string;
}

export interface CustomerText {
  /** Per channel: Telegram chat id (digits), WhatsApp wa_id, Messenger PSID, SMS E.164 number. */
  readonly from: string;
  /** Unique per message within the channel; becomes the platform's message id. */
  readonly id: number;
  readonly text: string;
  /** Epoch seconds the platform says the message was written. */
  readonly timestamp: number;
}

export type { SignedWebhook };

/** A plausible sender id per channel for customer number `n`. */
export function customerAddress(channel: WebhookChannel, n: number): string {
  switch (channel) {
    case 'telegram':
      return String(900_000_000 + n);
    case 'whatsapp':
      return `55119${String(n).padStart(8, '0')}`;
    case 'messenger':
      return String(7_700_000_000 + n);
    case 'sms':
      return `+4860${String(n).padStart(7, '0')}`;
  }
}

export function signedCustomerText(
  channel: WebhookChannel,
  message: CustomerText,
  secrets: ChannelSecretsForSigning,
  /** The public base URL the runtime answers on (Twilio signs the URL it calls). */
  publicBaseUrl: string,
): SignedWebhook {
  switch (channel) {
    case 'telegram': {
      const chat = Number(message.from);
      const update = {
        update_id: message.id,
        message: {
          message_id: message.id,
          date: message.timestamp,
          chat: { id: chat, type: 'private', first_name: 'Ana' },
          from: { id: chat, is_bot: false, first_name: 'Ana', language_code: 'en' },
          text: message.text,
        },
      };
      return signedTelegramUpdate(update, secrets.TELEGRAM_WEBHOOK_SECRET);
    }
    case 'whatsapp':
      return signedWhatsappValue(
        {
          contacts: [{ profile: { name: 'Ana' }, wa_id: message.from }],
          messages: [
            {
              from: message.from,
              id: `wamid.load${message.id}`,
              timestamp: String(message.timestamp),
              type: 'text',
              text: { body: message.text },
            },
          ],
        },
        secrets.WHATSAPP_APP_SECRET,
      );
    case 'messenger': {
      const event = {
        sender: { id: message.from },
        recipient: { id: LOCAL_BUSINESS.messengerPageId },
        timestamp: message.timestamp * 1000,
        message: { mid: `m_load${message.id}`, text: message.text },
      };
      return signedMessengerEvents([event], secrets.MESSENGER_APP_SECRET, { time: message.timestamp * 1000 });
    }
    case 'sms': {
      const params = {
        MessageSid: `SMload${message.id}`,
        AccountSid: secrets.TWILIO_ACCOUNT_SID,
        From: message.from,
        To: LOCAL_BUSINESS.smsNumber,
        Body: message.text,
        NumMedia: '0',
      };
      const url = `${publicBaseUrl.replace(/\/+$/, '')}${WEBHOOK_ROUTES.sms.path}`;
      return signedTwilioForm(params, secrets.TWILIO_AUTH_TOKEN, url);
    }
  }
}
