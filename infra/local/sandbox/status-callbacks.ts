import {
  LOCAL_BUSINESS,
  type SignedWebhook,
  signedMessengerEvents,
  signedTwilioForm,
  signedWhatsappValue,
} from '../simulator/platform-webhooks.ts';
import { CallbackPoster, type CallbackRequest, type CallbackRetryPolicy } from './callback-poster.ts';
import type { MessengerAcceptedMessage, MessengerSandbox } from './graph-messenger-sandbox.ts';
import type { WhatsappAcceptedMessage, WhatsappSandbox } from './graph-whatsapp-sandbox.ts';
import type { TwilioPhoneMessage, TwilioSandbox } from './twilio-sandbox.ts';

export interface StatusCallbackOptions {
  /**
   * Our runtime's base URL, e.g. http://127.0.0.1:3000: Meta's webhooks go to /webhooks/whatsapp and
   * /webhooks/messenger under it. Twilio's go to each message's StatusCallback URL as given.
   */
  readonly webhookBaseUrl: string;
  readonly whatsappAppSecret: string;
  readonly messengerAppSecret: string;
  /**
   * The ids the webhooks name the business by. The sandboxes cannot know them (a token stands for
   * the Page), so they default to the ones the local simulator and the load tool post with.
   */
  readonly messengerPageId?: string;
  readonly whatsappBusinessAccountId?: string;
  readonly whatsappDisplayPhoneNumber?: string;
  /** Defaults to PLATFORM_RETRY_POLICY (every 1–2 s for 10 minutes); tests shorten it. */
  readonly retry?: Partial<CallbackRetryPolicy>;
}

/** Any app id: the runtime does not read it, but real echoes always carry one. */
const SANDBOX_APP_ID = 1517776481860111;
const TWILIO_API_VERSION = '2010-04-01';

const exactly200 = (status: number) => status === 200;
const any2xx = (status: number) => status >= 200 && status < 300;

/**
 * Makes the sandboxes post what the real platforms post once they accepted a message: WhatsApp's
 * `sent` status, Messenger's message echo, Twilio's `sent` status callback, each signed with the
 * runtime's secret. Returns the poster, whose pending count and close() the caller owns.
 */
export function postStatusCallbacks(
  sandboxes: {
    readonly whatsapp: WhatsappSandbox;
    readonly messenger: MessengerSandbox;
    readonly twilio: TwilioSandbox;
  },
  options: StatusCallbackOptions,
  twilio: { readonly accountSid: string; readonly authToken: string },
): CallbackPoster {
  const poster = new CallbackPoster(options.retry);
  /** Building a callback must never fail the send it reports on: that message is already out. */
  const postBuilt = (build: () => CallbackRequest | undefined) => {
    try {
      const request = build();
      if (request) poster.post(request);
    } catch {
      // Nothing to post; the send's answer stays what it was.
    }
  };
  sandboxes.whatsapp.onMessageAccepted((message) => postBuilt(() => whatsappSentStatus(message, options)));
  sandboxes.messenger.onMessageAccepted((message) => postBuilt(() => messengerEcho(message, options)));
  sandboxes.twilio.onMessageAccepted((message) =>
    postBuilt(() => twilioSentCallback(message, twilio.accountSid, twilio.authToken)),
  );
  return poster;
}

/** The `statuses` webhook WhatsApp posts when a message left for the customer's phone. */
export function whatsappSentStatus(
  message: WhatsappAcceptedMessage,
  options: StatusCallbackOptions,
  now: Date = new Date(),
): CallbackRequest {
  const status = {
    id: message.messageId,
    status: 'sent',
    timestamp: String(Math.floor(now.getTime() / 1000)),
    // Meta names a BSUID-addressed customer by recipient_user_id, a phone-addressed one by recipient_id.
    ...(message.byPhone ? { recipient_id: message.recipient } : { recipient_user_id: message.recipient }),
    ...(message.bizOpaqueCallbackData !== undefined
      ? { biz_opaque_callback_data: message.bizOpaqueCallbackData }
      : {}),
  };
  const webhook = signedWhatsappValue({ statuses: [status] }, options.whatsappAppSecret, {
    phoneNumberId: message.phoneNumberId,
    ...(options.whatsappBusinessAccountId ? { accountId: options.whatsappBusinessAccountId } : {}),
    ...(options.whatsappDisplayPhoneNumber ? { displayNumber: options.whatsappDisplayPhoneNumber } : {}),
  });
  return metaWebhook(options.webhookBaseUrl, webhook);
}

/** The `message_echoes` webhook Messenger posts for every message the Page sent. */
export function messengerEcho(
  message: MessengerAcceptedMessage,
  options: StatusCallbackOptions,
  now: Date = new Date(),
): CallbackRequest {
  const pageId = options.messengerPageId ?? LOCAL_BUSINESS.messengerPageId;
  const echo = {
    sender: { id: pageId },
    recipient: { id: message.recipientId },
    timestamp: Date.parse(message.at),
    message: {
      is_echo: true,
      app_id: SANDBOX_APP_ID,
      ...(message.metadata !== undefined ? { metadata: message.metadata } : {}),
      mid: message.messageId,
      text: message.text,
    },
  };
  const webhook = signedMessengerEvents([echo], options.messengerAppSecret, { time: now.getTime(), pageId });
  return metaWebhook(options.webhookBaseUrl, webhook);
}

/**
 * Twilio's `sent` status callback, to the StatusCallback URL exactly as the sender gave it (query
 * string included, since that is what Twilio signs); undefined when the message asked for none.
 */
export function twilioSentCallback(
  message: TwilioPhoneMessage,
  accountSid: string,
  authToken: string,
): CallbackRequest | undefined {
  if (!message.statusCallback) return undefined;
  const params: Record<string, string> = {
    MessageSid: message.sid,
    MessageStatus: 'sent',
    SmsSid: message.sid,
    SmsStatus: 'sent',
    AccountSid: accountSid,
    ...(message.from ? { From: message.from } : {}),
    To: message.to,
    ApiVersion: TWILIO_API_VERSION,
  };
  const { body, headers } = signedTwilioForm(params, authToken, message.statusCallback);
  return { url: message.statusCallback, body, headers, isReceived: any2xx };
}

function metaWebhook(baseUrl: string, webhook: SignedWebhook): CallbackRequest {
  return {
    url: `${baseUrl.replace(/\/+$/, '')}${webhook.path}`,
    body: webhook.body,
    headers: webhook.headers,
    // "If a webhook request to your endpoint receives an HTTP status code other than 200 … retried".
    isReceived: exactly200,
  };
}
