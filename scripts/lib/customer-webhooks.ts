/**
 * A customer's text message as each platform posts it to our webhook, signed the way that platform
 * signs it. Shared by the reliability tests and the load tool, so both speak exactly the wire format
 * the channel adapters verify and parse.
 */
import { signMetaBody } from '../../shared/channels/meta/signature.ts';
import { signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';

export const WEBHOOK_CHANNELS = Object.keys(WEBHOOK_ROUTES) as WebhookChannel[];

/** The business accounts the sandboxes answer for. */
export const BUSINESS = {
  whatsappPhoneNumberId: '106540352242922',
  whatsappDisplayNumber: '15550783881',
  messengerPageId: '1357924680',
  smsNumber: '+15017122661',
} as const;

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

export interface SignedWebhook {
  readonly channel: WebhookChannel;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

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
  const path = WEBHOOK_ROUTES[channel].path;
  const json = { 'content-type': 'application/json' };
  switch (channel) {
    case 'telegram': {
      const chat = Number(message.from);
      const body = JSON.stringify({
        update_id: message.id,
        message: {
          message_id: message.id,
          date: message.timestamp,
          chat: { id: chat, type: 'private', first_name: 'Ana' },
          from: { id: chat, is_bot: false, first_name: 'Ana', language_code: 'en' },
          text: message.text,
        },
      });
      return {
        channel,
        path,
        body,
        headers: { ...json, 'x-telegram-bot-api-secret-token': secrets.TELEGRAM_WEBHOOK_SECRET },
      };
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
        secrets,
      );
    case 'messenger': {
      const body = JSON.stringify({
        object: 'page',
        entry: [
          {
            id: BUSINESS.messengerPageId,
            time: message.timestamp * 1000,
            messaging: [
              {
                sender: { id: message.from },
                recipient: { id: BUSINESS.messengerPageId },
                timestamp: message.timestamp * 1000,
                message: { mid: `m_load${message.id}`, text: message.text },
              },
            ],
          },
        ],
      });
      return {
        channel,
        path,
        body,
        headers: { ...json, 'x-hub-signature-256': signMetaBody(body, secrets.MESSENGER_APP_SECRET) },
      };
    }
    case 'sms': {
      const params = {
        MessageSid: `SMload${message.id}`,
        AccountSid: secrets.TWILIO_ACCOUNT_SID,
        From: message.from,
        To: BUSINESS.smsNumber,
        Body: message.text,
        NumMedia: '0',
      };
      const url = `${publicBaseUrl.replace(/\/+$/, '')}${path}`;
      return {
        channel,
        path,
        body: new URLSearchParams(params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(secrets.TWILIO_AUTH_TOKEN, url, params),
        },
      };
    }
  }
}

/** A WhatsApp Cloud API webhook to our number carrying `value` (messages or statuses), signed as Meta signs it. */
export function signedWhatsappValue(
  value: Record<string, unknown>,
  secrets: Pick<ChannelSecretsForSigning, 'WHATSAPP_APP_SECRET'>,
): SignedWebhook {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: BUSINESS.whatsappDisplayNumber,
                phone_number_id: BUSINESS.whatsappPhoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  });
  return {
    channel: 'whatsapp',
    path: WEBHOOK_ROUTES.whatsapp.path,
    body,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaBody(body, secrets.WHATSAPP_APP_SECRET),
    },
  };
}
