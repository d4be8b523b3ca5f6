import { WEBHOOK_ROUTES } from '../../../shared/definitions.ts';
import {
  LOCAL_BUSINESS,
  type SignedWebhook,
  signedMessengerEvents,
  signedTelegramUpdate,
  signedTwilioForm,
  signedWhatsappValue,
} from './platform-webhooks.ts';

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

/** A simulated customer's webhook, and whose phone the sandbox shows the answer on. */
export interface CustomerWebhook extends SignedWebhook {
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
): CustomerWebhook {
  const id = `${now.getTime()}${String(++sequence % 1000).padStart(3, '0')}`;
  const seconds = Math.floor(now.getTime() / 1000);
  const text = action.text ?? '';
  const customerId = action.from ?? DEFAULT_CUSTOMER_IDS[channel];
  switch (channel) {
    case 'telegram': {
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
      return { ...signedTelegramUpdate(update, secrets.TELEGRAM_WEBHOOK_SECRET), customerId };
    }
    case 'whatsapp': {
      const message = action.tap
        ? {
            from: customerId,
            id: `wamid.${id}`,
            timestamp: String(seconds),
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: action.tap, title: action.tap } },
          }
        : {
            from: customerId,
            id: `wamid.${id}`,
            timestamp: String(seconds),
            type: 'text',
            text: { body: text },
          };
      const value = { contacts: [{ profile: { name: 'Ana' }, wa_id: customerId }], messages: [message] };
      return { ...signedWhatsappValue(value, secrets.WHATSAPP_APP_SECRET), customerId };
    }
    case 'messenger': {
      const envelope = {
        sender: { id: customerId },
        recipient: { id: LOCAL_BUSINESS.messengerPageId },
        timestamp: now.getTime(),
      };
      const event = action.tap
        ? { ...envelope, postback: { mid: `m_${id}`, title: action.tap, payload: action.tap } }
        : { ...envelope, message: { mid: `m_${id}`, text } };
      return {
        ...signedMessengerEvents([event], secrets.MESSENGER_APP_SECRET, { time: now.getTime() }),
        customerId,
      };
    }
    case 'sms': {
      // SMS has no buttons: the customer answers a numbered choice by typing it.
      const params = {
        MessageSid: `SM${id}`,
        AccountSid: secrets.TWILIO_ACCOUNT_SID,
        From: customerId,
        To: LOCAL_BUSINESS.smsNumber,
        Body: action.tap ?? text,
        NumMedia: '0',
      };
      const url = `${publicBaseUrl}${WEBHOOK_ROUTES.sms.path}`;
      return { ...signedTwilioForm(params, secrets.TWILIO_AUTH_TOKEN, url), customerId };
    }
  }
}
