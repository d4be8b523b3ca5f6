import { signMetaBody } from '../../../shared/channels/meta/signature.ts';
import { signTwilioRequest } from '../../../shared/channels/sms/verify.ts';

export const SIMULATED_CHANNELS = ['telegram', 'whatsapp', 'messenger', 'sms'] as const;
export type SimulatedChannel = (typeof SIMULATED_CHANNELS)[number];

/** What a simulated customer does: type a message, or tap a button the business sent. */
export interface CustomerAction {
  readonly from?: string;
  readonly text?: string;
  /** A button's payload (Telegram callback data, WhatsApp reply id, Messenger postback payload). */
  readonly tap?: string;
}

export interface WebhookSecrets {
  readonly TELEGRAM_WEBHOOK_SECRET: string;
  readonly WHATSAPP_APP_SECRET: string;
  readonly MESSENGER_APP_SECRET: string;
  readonly TWILIO_ACCOUNT_SID: string;
  readonly TWILIO_AUTH_TOKEN: string;
}

/** One platform webhook request, built and signed exactly as the platform would send it. */
export interface SignedWebhook {
  readonly path: string;
  readonly body: string;
  readonly headers: Record<string, string>;
  /** The customer's id on that platform: where the sandbox keeps their phone. */
  readonly customerId: string;
}

export const DEFAULT_CUSTOMER_IDS: Record<SimulatedChannel, string> = {
  telegram: '42',
  whatsapp: '5511999990000',
  messenger: '24680000',
  sms: '+48600100200',
};

/** Where the local sandbox shows what this customer's phone received. */
export function phonePath(channel: SimulatedChannel, customerId: string): string {
  const id = encodeURIComponent(customerId);
  return {
    telegram: `/sandbox/telegram/chats/${id}`,
    whatsapp: `/sandbox/graph/whatsapp/chats/${id}`,
    messenger: `/sandbox/graph/messenger/chats/${id}`,
    sms: `/sandbox/twilio/phones/${id}`,
  }[channel];
}

let sequence = 0;

/**
 * The webhook a platform posts when its user writes or taps. `publicBaseUrl` is the URL Twilio
 * signs (the one it called). Ids are unique per call so the platforms' retry dedup never drops one.
 */
export function buildCustomerWebhook(
  channel: SimulatedChannel,
  action: CustomerAction,
  secrets: WebhookSecrets,
  publicBaseUrl: string,
  now: Date = new Date(),
): SignedWebhook {
  const id = `${now.getTime()}${String(++sequence % 1000).padStart(3, '0')}`;
  const seconds = Math.floor(now.getTime() / 1000);
  const text = action.text ?? '';
  const json = { 'content-type': 'application/json' };
  switch (channel) {
    case 'telegram': {
      const customerId = action.from ?? DEFAULT_CUSTOMER_IDS.telegram;
      const chat = Number(customerId);
      const from = { id: chat, first_name: 'Ana', language_code: 'en' };
      const updateId = Number(id.slice(-9));
      const update = action.tap
        ? {
            update_id: updateId,
            callback_query: {
              id,
              from,
              chat_instance: '1',
              data: action.tap,
              message: { message_id: 1, date: seconds, chat: { id: chat, type: 'private' } },
            },
          }
        : {
            update_id: updateId,
            message: {
              message_id: Number(id.slice(-6)),
              date: seconds,
              chat: { id: chat, type: 'private' },
              from,
              text,
            },
          };
      return {
        path: '/webhooks/telegram',
        body: JSON.stringify(update),
        headers: { ...json, 'x-telegram-bot-api-secret-token': secrets.TELEGRAM_WEBHOOK_SECRET },
        customerId,
      };
    }
    case 'whatsapp': {
      const waId = action.from ?? DEFAULT_CUSTOMER_IDS.whatsapp;
      const message = action.tap
        ? {
            from: waId,
            id: `wamid.${id}`,
            timestamp: String(seconds),
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: action.tap, title: action.tap } },
          }
        : { from: waId, id: `wamid.${id}`, timestamp: String(seconds), type: 'text', text: { body: text } };
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
                  metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                  contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
                  messages: [message],
                },
              },
            ],
          },
        ],
      });
      return {
        path: '/webhooks/whatsapp',
        body,
        headers: { ...json, 'x-hub-signature-256': signMetaBody(body, secrets.WHATSAPP_APP_SECRET) },
        customerId: waId,
      };
    }
    case 'messenger': {
      const psid = action.from ?? DEFAULT_CUSTOMER_IDS.messenger;
      const event = action.tap
        ? {
            sender: { id: psid },
            recipient: { id: '1357924680' },
            timestamp: now.getTime(),
            postback: { mid: `m_${id}`, title: action.tap, payload: action.tap },
          }
        : {
            sender: { id: psid },
            recipient: { id: '1357924680' },
            timestamp: now.getTime(),
            message: { mid: `m_${id}`, text },
          };
      const body = JSON.stringify({
        object: 'page',
        entry: [{ id: '1357924680', time: now.getTime(), messaging: [event] }],
      });
      return {
        path: '/webhooks/messenger',
        body,
        headers: { ...json, 'x-hub-signature-256': signMetaBody(body, secrets.MESSENGER_APP_SECRET) },
        customerId: psid,
      };
    }
    case 'sms': {
      const from = action.from ?? DEFAULT_CUSTOMER_IDS.sms;
      // SMS has no buttons: the customer answers a numbered choice by typing it.
      const params = {
        MessageSid: `SM${id}`,
        AccountSid: secrets.TWILIO_ACCOUNT_SID,
        From: from,
        To: '+15017122661',
        Body: action.tap ?? text,
        NumMedia: '0',
      };
      return {
        path: '/webhooks/sms',
        body: new URLSearchParams(params).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(
            secrets.TWILIO_AUTH_TOKEN,
            `${publicBaseUrl}/webhooks/sms`,
            params,
          ),
        },
        customerId: from,
      };
    }
  }
}
