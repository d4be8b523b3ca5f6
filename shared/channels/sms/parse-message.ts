import type { Attachment, CustomerMessage, SharedLocation } from '../../domain/events.ts';
import { firstValue } from './form.ts';
import type { TwilioWebhookParams } from './wire-types.ts';

/** An MMS carries at most 10 media (MediaUrl0…MediaUrl9). */
const MAX_MEDIA = 10;
/** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

interface MessageContext {
  readonly messageSid: string;
  /** The customer's number. */
  readonly from: string;
  /** Our Twilio number. */
  readonly to: string;
  readonly receivedAt: Date;
}

/**
 * An inbound SMS/MMS. Twilio reassembles concatenated SMS into one Body. Media are kept as their
 * URLs on Twilio's API host (fetched later with our credentials, never here); URLs on any other
 * host are dropped, because fetching them with our credentials would leak the credentials.
 */
export function parseInboundMessage(params: TwilioWebhookParams, context: MessageContext): CustomerMessage {
  const text = firstValue(params, 'Body') ?? '';
  const attachments = attachmentsOf(params);
  const declaredMedia = Number.parseInt(firstValue(params, 'NumMedia') ?? '0', 10);
  const location = locationOf(params);
  const unreadableContent =
    text.trim() !== ''
      ? undefined
      : (attachments[0]?.type ?? (declaredMedia > 0 ? 'media' : location ? 'location' : undefined));
  return {
    kind: 'message',
    eventId: `sms:${context.to}:${context.messageSid}`,
    address: { channel: 'sms', accountId: context.to, userId: context.from, chatId: context.from },
    // Twilio sends no time for an inbound message; it calls the webhook as the message arrives.
    occurredAt: context.receivedAt.toISOString(),
    providerMessageId: context.messageSid,
    text,
    ...(unreadableContent ? { unreadableContent } : {}),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(location ? { location } : {}),
    // The carrier delivered this SMS from that number: Twilio vouches for it.
    profile: E164.test(context.from) ? { verifiedPhone: context.from } : {},
  };
}

function attachmentsOf(params: TwilioWebhookParams): Attachment[] {
  const attachments: Attachment[] = [];
  for (let index = 0; index < MAX_MEDIA; index++) {
    const url = firstValue(params, `MediaUrl${index}`)?.trim();
    if (!url || !isTwilioApiUrl(url)) continue;
    const mimeType = firstValue(params, `MediaContentType${index}`)?.trim().toLowerCase();
    attachments.push({ type: attachmentType(mimeType), providerRef: url, ...(mimeType ? { mimeType } : {}) });
  }
  return attachments;
}

function attachmentType(mimeType: string | undefined): Attachment['type'] {
  if (mimeType?.startsWith('image/')) return 'image';
  if (mimeType?.startsWith('audio/')) return 'audio';
  if (mimeType?.startsWith('video/')) return 'video';
  return 'document';
}

function isTwilioApiUrl(value: string): boolean {
  try {
    const url = new URL(value);
    const host = url.hostname.toLowerCase();
    return url.protocol === 'https:' && (host === 'api.twilio.com' || host.endsWith('.twilio.com'));
  } catch {
    return false;
  }
}

/** Latitude/Longitude (with Label and Address) arrive when a shared location is relayed. */
function locationOf(params: TwilioWebhookParams): SharedLocation | undefined {
  const latitude = coordinate(firstValue(params, 'Latitude'), 90);
  const longitude = coordinate(firstValue(params, 'Longitude'), 180);
  if (latitude === undefined || longitude === undefined) return undefined;
  const name = firstValue(params, 'Label')?.trim();
  const address = firstValue(params, 'Address')?.trim();
  return { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

function coordinate(value: string | undefined, limit: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const number = Number(text);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}
