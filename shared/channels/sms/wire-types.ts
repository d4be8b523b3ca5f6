/**
 * Twilio Programmable Messaging wire shapes, named as Twilio documents them (the fields we read).
 * Only shared/channels/sms/ and the local sandbox import this file.
 * - Webhooks (inbound messages and status callbacks) are form parameters: https://www.twilio.com/docs/messaging/guides/webhook-request
 * - The REST API answers JSON in snake_case: https://www.twilio.com/docs/messaging/api/message-resource
 */

/** Form parameters of one webhook request; every value is a string on the wire, repeated names keep every value. */
export type TwilioWebhookParams = ReadonlyMap<string, readonly string[]>;

/** Statuses a Message resource can take (status callbacks report the changes after the first one). */
export type TwilioMessageStatus =
  | 'accepted'
  | 'scheduled'
  | 'canceled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'delivered'
  | 'undelivered'
  | 'receiving'
  | 'received'
  | 'read'
  | 'partially_delivered';

/** Form parameters of POST /2010-04-01/Accounts/{AccountSid}/Messages.json (the ones we send). */
export interface TwilioCreateMessageParams {
  To: string;
  From: string;
  Body: string;
  StatusCallback?: string;
}

/** The Message resource as the REST API returns it (201 on create). */
export interface TwilioMessageResource {
  sid: string;
  account_sid?: string;
  status?: TwilioMessageStatus | string;
  to?: string;
  from?: string;
  body?: string;
  num_segments?: string;
  num_media?: string;
  direction?: string;
  error_code?: number | null;
  error_message?: string | null;
  date_created?: string;
  date_updated?: string;
  date_sent?: string | null;
  messaging_service_sid?: string | null;
  api_version?: string;
  price?: string | null;
  price_unit?: string;
  uri?: string;
}

/** Every REST API error: `code` is Twilio's error code (https://www.twilio.com/docs/api/errors). */
export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info?: string;
  status: number;
  detail?: string;
}
