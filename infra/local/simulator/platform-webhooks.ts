/**
 * Each platform's webhook envelope, signed the way that platform signs it: the one place the
 * simulators, the load and benchmark tools, the sandboxes' status callbacks and the tests build
 * what Telegram, Meta and Twilio post to our routes. Callers choose what goes inside.
 */
import { META_SIGNATURE_HEADER, signMetaBody } from '../../../shared/channels/meta/signature.ts';
import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from '../../../shared/channels/sms/verify.ts';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../../shared/definitions.ts';

/** The business accounts the local sandboxes and simulators stand for. */
export const LOCAL_BUSINESS = {
  whatsappBusinessAccountId: '102290129340398',
  whatsappPhoneNumberId: '106540352242922',
  whatsappDisplayNumber: '15550783881',
  messengerPageId: '1357924680',
  smsNumber: '+15017122661',
} as const;

/** One platform webhook request, built and signed exactly as the platform would send it. */
export interface SignedWebhook {
  readonly channel: WebhookChannel;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/** A Telegram update, with the secret token Telegram echoes from setWebhook. */
export function signedTelegramUpdate(update: Record<string, unknown>, secretToken: string): SignedWebhook {
  return {
    channel: 'telegram',
    path: WEBHOOK_ROUTES.telegram.path,
    body: JSON.stringify(update),
    headers: { ...JSON_TYPE, 'x-telegram-bot-api-secret-token': secretToken },
  };
}

/** A WhatsApp Cloud API webhook to our number carrying `value` (messages or statuses). */
export function signedWhatsappValue(
  value: Record<string, unknown>,
  appSecret: string,
  business: {
    readonly accountId?: string;
    readonly phoneNumberId?: string;
    readonly displayNumber?: string;
  } = {},
): SignedWebhook {
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: business.accountId ?? LOCAL_BUSINESS.whatsappBusinessAccountId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: business.displayNumber ?? LOCAL_BUSINESS.whatsappDisplayNumber,
                phone_number_id: business.phoneNumberId ?? LOCAL_BUSINESS.whatsappPhoneNumberId,
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
    headers: { ...JSON_TYPE, [META_SIGNATURE_HEADER]: signMetaBody(body, appSecret) },
  };
}

/** A Messenger webhook for our Page carrying `events` (messages, postbacks, echoes). */
export function signedMessengerEvents(
  events: readonly Record<string, unknown>[],
  appSecret: string,
  entry: { readonly time: number; readonly pageId?: string },
): SignedWebhook {
  const body = JSON.stringify({
    object: 'page',
    entry: [{ id: entry.pageId ?? LOCAL_BUSINESS.messengerPageId, time: entry.time, messaging: events }],
  });
  return {
    channel: 'messenger',
    path: WEBHOOK_ROUTES.messenger.path,
    body,
    headers: { ...JSON_TYPE, [META_SIGNATURE_HEADER]: signMetaBody(body, appSecret) },
  };
}

/** A Twilio form post, signed over `url`: the URL Twilio calls, query string included. */
export function signedTwilioForm(
  params: Record<string, string>,
  authToken: string,
  url: string,
): SignedWebhook {
  return {
    channel: 'sms',
    path: WEBHOOK_ROUTES.sms.path,
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(authToken, url, params),
    },
  };
}
