import { deliveryReference } from '../../domain/delivery-reference.ts';
import type { OutboundMessage } from '../../domain/messages.ts';
import type { OutboundAdapter } from '../outbound-adapter.ts';
import type { TwilioCredentials } from './credentials.ts';
import { DELIVERY_REFERENCE_PARAM, SMS_WEBHOOK_PATH } from './inbound.ts';
import { renderSmsMessage, SMS_MAX_BODY_CHARS } from './render.ts';
import { createTwilioClient, type TwilioClient } from './send.ts';
import { twilioWebhookUrl } from './signed-url.ts';

export interface SmsOutboundOptions {
  readonly credentials: () => Promise<TwilioCredentials>;
  /** TWILIO_API_URL: https://api.twilio.com, the local sandbox, or a test server. */
  readonly apiUrl: string;
  /** PUBLIC_BASE_URL: status callbacks go to its /webhooks/sms; without it Twilio reports nothing. */
  readonly publicBaseUrl?: string;
  /** The line under numbered quick replies, when not English. */
  readonly numberedPrompt?: string;
  readonly fetch?: typeof fetch;
}

export function smsOutboundAdapter(options: SmsOutboundOptions): OutboundAdapter {
  let client: { key: string; client: TwilioClient } | undefined;
  const clientFor = async (): Promise<TwilioClient> => {
    const { accountSid, authToken } = await options.credentials();
    const key = `${accountSid}:${authToken}`;
    if (client?.key !== key) {
      client = {
        key,
        client: createTwilioClient({
          apiUrl: options.apiUrl,
          accountSid,
          authToken,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      };
    }
    return client.client;
  };
  const publicBaseUrl = options.publicBaseUrl;
  // Our tag rides in the callback's query string, so a status names the message even if we never learnt its sid.
  const statusCallbackUrl = (message: OutboundMessage) =>
    publicBaseUrl
      ? (part: { readonly morePartsFollow: boolean }) =>
          twilioWebhookUrl(
            publicBaseUrl,
            SMS_WEBHOOK_PATH,
            `${DELIVERY_REFERENCE_PARAM}=${encodeURIComponent(deliveryReference(message, part))}`,
          )
      : undefined;
  return {
    channel: 'sms',
    // SMS has no buttons and no reply window (opt-out is STOP, enforced by Twilio with 21610).
    capabilities: { maxTextLength: SMS_MAX_BODY_CHARS, buttons: 'numbered_text' },
    async deliver(message) {
      const callbackUrl = statusCallbackUrl(message);
      const requests = renderSmsMessage(message, {
        ...(callbackUrl ? { statusCallbackUrl: callbackUrl } : {}),
        ...(options.numberedPrompt ? { numberedPrompt: options.numberedPrompt } : {}),
      });
      const api = await clientFor();
      let lastSid = '';
      for (const request of requests) lastSid = (await api.createMessage(request)).sid;
      return { providerMessageId: lastSid };
    },
  };
}
