import { createHash } from 'node:crypto';
import type { InboundEvent, UnsupportedUpdate } from '../../domain/events.ts';
import { firstValue, readFormParams } from './form.ts';
import { parseInboundMessage } from './parse-message.ts';
import { parseStatusCallback } from './parse-status.ts';
import type { TwilioWebhookParams } from './wire-types.ts';

const MAX_KEPT_RAW_CHARS = 64 * 1024;
/** Twilio writes non-SMS addresses with a channel prefix: `whatsapp:+1…`, `messenger:…`, `rcs:…`. */
const CHANNEL_PREFIX = /^([a-z][a-z0-9-]*):/i;

/**
 * Turns one verified Twilio Messaging webhook (form parameters) into domain events: an inbound
 * SMS/MMS becomes a message, a status callback a status. Never throws: what we cannot read, and
 * what we do not act on (WhatsApp via Twilio, in-flight statuses), becomes one `unsupported` event.
 */
export function parseTwilioWebhook(
  rawBody: string,
  receivedAt: Date,
  /** The `ref` of the StatusCallback URL we gave with the message, if any. */
  deliveryReference?: string,
): InboundEvent[] {
  const params = readWebhookParams(rawBody);
  const messageSid =
    nonEmpty(params, 'MessageSid') ?? nonEmpty(params, 'SmsMessageSid') ?? nonEmpty(params, 'SmsSid');
  const from = nonEmpty(params, 'From');
  const to = nonEmpty(params, 'To');
  if (!messageSid) return [unsupported(rawBody, receivedAt, to, 'unparseable')];

  const status = callbackStatus(params);
  // Statuses are about our messages: we are From. Inbound messages are to us: we are To.
  const ourAddress = status ? from : to;
  const prefix = CHANNEL_PREFIX.exec(from ?? '')?.[1] ?? CHANNEL_PREFIX.exec(to ?? '')?.[1];
  if (prefix) {
    const kind = `twilio_${prefix.toLowerCase()}`;
    const suffix = status ? `:${status}` : '';
    return [unsupported(rawBody, receivedAt, ourAddress, kind, `${messageSid}${suffix}`)];
  }
  if (status) {
    return [
      parseStatusCallback(params, {
        messageSid,
        status,
        ourNumber: from,
        customer: to,
        receivedAt,
        deliveryReference,
      }) ?? unsupported(rawBody, receivedAt, from, statusKind(status), `${messageSid}:${status}`),
    ];
  }
  if (!from || !to) return [unsupported(rawBody, receivedAt, to, 'unparseable')];
  return [parseInboundMessage(params, { messageSid, from, to, receivedAt })];
}

/** Form parameters; a JSON object of scalars is read the same way (Twilio's JSON webhooks, tests). */
function readWebhookParams(rawBody: string): TwilioWebhookParams {
  if (!rawBody.trimStart().startsWith('{')) return readFormParams(rawBody);
  try {
    const parsed: unknown = JSON.parse(rawBody);
    const params = new Map<string, string[]>();
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return params;
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        params.set(name, [String(value)]);
    }
    return params;
  } catch {
    return new Map();
  }
}

/** MessageStatus marks a status callback; older callbacks may carry only SmsStatus. */
function callbackStatus(params: TwilioWebhookParams): string | undefined {
  const status = nonEmpty(params, 'MessageStatus') ?? nonEmpty(params, 'SmsStatus');
  if (!status) return undefined;
  const normalised = status.toLowerCase();
  // An inbound message says SmsStatus=received; that is the message itself, not a callback.
  return normalised === 'received' || normalised === 'receiving' ? undefined : normalised;
}

/** In-flight statuses carry no news for the customer's transcript; they are counted, not applied. */
const IN_FLIGHT = new Set(['queued', 'sending', 'accepted', 'scheduled']);

function statusKind(status: string): string {
  return IN_FLIGHT.has(status) ? 'status_progress' : `status:${status}`;
}

function nonEmpty(params: TwilioWebhookParams, name: string): string | undefined {
  const value = firstValue(params, name)?.trim();
  return value ? value : undefined;
}

/**
 * An update we keep but do not act on. With a MessageSid the id is stable across redeliveries;
 * without one, the body itself identifies the delivery.
 */
function unsupported(
  rawBody: string,
  receivedAt: Date,
  ourAddress: string | undefined,
  updateKind: string,
  key?: string,
): UnsupportedUpdate {
  const accountId = ourAddress ?? 'unknown';
  const digest = createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
  return {
    kind: 'unsupported',
    eventId: key ? `sms:${accountId}:${key}` : `sms:${accountId}:body:${digest}`,
    channel: 'sms',
    accountId,
    updateKind,
    occurredAt: receivedAt.toISOString(),
    // Queue messages are limited to 256 KiB; the start of a body is enough to see what it was.
    raw: rawBody.length > MAX_KEPT_RAW_CHARS ? rawBody.slice(0, MAX_KEPT_RAW_CHARS) : rawBody,
  };
}
