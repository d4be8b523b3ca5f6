import type { HttpRequest } from '../../http/types.ts';
import { type InboundAdapter, WEBHOOK_BODY_RULES } from '../inbound-adapter.ts';
import type { TwilioCredentials } from './credentials.ts';
import { parseTwilioWebhook } from './parse.ts';
import { twilioWebhookUrl } from './signed-url.ts';
import { isAuthenticTwilioRequest, TWILIO_SIGNATURE_HEADER } from './verify.ts';

/** The webhook path for inbound SMS and status callbacks (ROUTES should carry the same). */
export const SMS_WEBHOOK_PATH = '/webhooks/sms';
/** The StatusCallback URL's query parameter that carries our message's tag (delivery-reference.ts). */
export const DELIVERY_REFERENCE_PARAM = 'ref';

/** TwiML that makes Twilio send nothing itself: every reply goes out through the sender. */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface SmsInboundOptions {
  /**
   * The public base URL Twilio calls (PUBLIC_BASE_URL, e.g. https://abc.execute-api.eu-west-1.amazonaws.com/),
   * custom domain and stage path included. Signatures cover the URL, so it must be the one Twilio
   * dialled; the Host header behind API Gateway is not.
   */
  readonly publicBaseUrl: string | ((request: HttpRequest) => string);
}

export function smsInboundAdapter(
  credentials: (options: { refresh?: boolean }) => Promise<TwilioCredentials>,
  options: SmsInboundOptions,
): InboundAdapter {
  return {
    channel: 'sms',
    body: WEBHOOK_BODY_RULES.sms,
    async authenticate(request, { refreshCredentials }) {
      const { authToken } = await credentials({ refresh: refreshCredentials });
      return isAuthenticTwilioRequest({
        authToken,
        signature: request.headers[TWILIO_SIGNATURE_HEADER],
        url: twilioWebhookUrl(
          typeof options.publicBaseUrl === 'string' ? options.publicBaseUrl : options.publicBaseUrl(request),
          request.path,
          receivedQueryString(request),
        ),
        rawBody: request.rawBody,
      });
    },
    async parse(request, receivedAt) {
      return parseTwilioWebhook(
        request.rawBody.toString('utf8'),
        receivedAt,
        request.query[DELIVERY_REFERENCE_PARAM],
      );
    },
    acceptedResponse() {
      return { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: EMPTY_TWIML };
    },
  };
}

/**
 * The query string as Twilio sent it (API Gateway's rawQueryString); without it the parameters are
 * re-encoded, which matches for the URLs we configure (no query).
 */
function receivedQueryString(request: HttpRequest): string {
  if (request.rawQuery !== undefined) return request.rawQuery;
  return Object.entries(request.query)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}
