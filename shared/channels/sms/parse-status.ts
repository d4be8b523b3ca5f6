import { parseDeliveryReference } from '../../domain/delivery-reference.ts';
import type { DeliveryStatusUpdate } from '../../domain/events.ts';
import { describeTwilioError } from './error-codes.ts';
import { firstValue } from './form.ts';
import type { TwilioWebhookParams } from './wire-types.ts';

interface StatusContext {
  readonly messageSid: string;
  /** MessageStatus in lower case. */
  readonly status: string;
  /** From: the number we sent from. */
  readonly ourNumber: string | undefined;
  /** To: the customer. Some callbacks omit it (seen in Chatwoot's fixtures). */
  readonly customer: string | undefined;
  readonly receivedAt: Date;
  /** The `ref` query parameter of our StatusCallback URL: our message's tag. */
  readonly deliveryReference?: string | undefined;
}

/** Twilio status → ours; undelivered is a failure the carrier reported after Twilio sent it. */
const REPORTED: Readonly<Record<string, DeliveryStatusUpdate['status']>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  failed: 'failed',
  undelivered: 'failed',
};

/**
 * One status callback → one status event, or undefined for statuses we do not apply (queued,
 * sending, accepted, scheduled, canceled…), which the caller keeps as unsupported. Statuses are
 * their own events (`…:<sid>:delivered` and `…:<sid>:read` are distinct), and arrive out of order:
 * the store keeps the furthest one.
 */
export function parseStatusCallback(
  params: TwilioWebhookParams,
  context: StatusContext,
): DeliveryStatusUpdate | undefined {
  const status = REPORTED[context.status];
  if (!status) return undefined;
  const accountId = context.ourNumber ?? 'unknown';
  const error = status === 'failed' ? failureOf(params, context.status) : undefined;
  const reference = parseDeliveryReference(context.deliveryReference);
  return {
    kind: 'status',
    eventId: `sms:${accountId}:${context.messageSid}:${context.status}`,
    channel: 'sms',
    accountId,
    recipientId: context.customer ?? 'unknown',
    providerMessageId: context.messageSid,
    status,
    // Twilio sends no event time (RawDlrDoneDate is the carrier's local minute, without a zone).
    occurredAt: context.receivedAt.toISOString(),
    ...(error ? { error } : {}),
    ...(reference ? { reference } : {}),
  };
}

function failureOf(params: TwilioWebhookParams, twilioStatus: string): DeliveryStatusUpdate['error'] {
  const code = firstValue(params, 'ErrorCode')?.trim();
  const message = firstValue(params, 'ErrorMessage')?.trim();
  if (code) return { code, description: message || describeTwilioError(code) };
  return { code: twilioStatus, description: message || `Twilio reported the message ${twilioStatus}` };
}
