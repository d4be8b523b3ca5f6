import { parseDeliveryReference } from '../../domain/delivery-reference.ts';
import type { Attachment, InboundEvent, SharedLocation } from '../../domain/events.ts';
import { referralOf } from './parse-interactions.ts';
import {
  addressOf,
  type EventContext,
  isRecord,
  nonEmptyString,
  syntheticEventId,
  unsupportedEvent,
  wireId,
} from './parse-values.ts';

/** Attachment types that are files on Meta's CDN, as the domain names them. */
const MEDIA_TYPES: Readonly<Record<string, Attachment['type']>> = {
  image: 'image',
  audio: 'audio',
  video: 'video',
  file: 'document',
  sticker: 'sticker',
};

/** Media is only ever fetched from Meta's own hosts; a link the customer shared is not media. */
const PROVIDER_HOSTS = ['fbcdn.net', 'fbsbx.com', 'facebook.com', 'messenger.com'];

interface MessageContent {
  /** Content kinds in order, as Meta names them (image, sticker, location, fallback, reel…). */
  readonly kinds: string[];
  readonly attachments: Attachment[];
  location?: SharedLocation;
}

/**
 * A `message` event: our own echo (never answered), an unsend, a quick-reply tap, or a customer
 * message with its text, media references, shared location, referral and reply-to.
 */
export function fromMessage(
  message: unknown,
  psid: string | undefined,
  context: EventContext,
  recipientId?: string,
): InboundEvent {
  if (!isRecord(message))
    return unsupportedEvent(context, syntheticEventId(context, 'message'), 'message:malformed');
  const mid = nonEmptyString(message.mid);
  if (message.is_echo === true) {
    const eventId = mid
      ? `messenger:${context.pageId}:message_echo:${mid}`
      : syntheticEventId(context, 'message_echo');
    // An echo of a message we sent is Messenger's "sent" report (it has no other); the Page
    // inbox's and other apps' echoes carry no tag of ours and are only counted.
    const reference = parseDeliveryReference(message.metadata);
    if (reference && mid && recipientId) {
      return {
        kind: 'status',
        eventId,
        channel: 'messenger',
        accountId: context.pageId,
        recipientId,
        providerMessageId: mid,
        status: 'sent',
        occurredAt: context.occurredAt,
        reference,
      };
    }
    return unsupportedEvent(context, eventId, 'message_echo');
  }
  if (!psid || !mid) {
    const problem = psid ? 'malformed' : 'no_sender';
    return unsupportedEvent(context, syntheticEventId(context, 'message'), `message:${problem}`);
  }
  const address = addressOf(context.pageId, psid);
  if (message.is_deleted === true) {
    return {
      kind: 'deletion',
      eventId: `messenger:${context.pageId}:${mid}:deleted`,
      address,
      occurredAt: context.occurredAt,
      providerMessageId: mid,
      profile: {},
    };
  }
  const text = typeof message.text === 'string' ? message.text : '';
  const eventId = `messenger:${context.pageId}:${mid}`;
  const quickReply = isRecord(message.quick_reply) ? message.quick_reply : undefined;
  if (quickReply && typeof quickReply.payload === 'string') {
    // The customer's client posts the button title as the message text.
    return {
      kind: 'tap',
      eventId,
      address,
      occurredAt: context.occurredAt,
      tapId: mid,
      payload: quickReply.payload,
      ...(text ? { label: text } : {}),
      profile: {},
    };
  }
  const content = contentOf(message.attachments);
  const referral = referralOf(message.referral);
  const replyTo = isRecord(message.reply_to) ? nonEmptyString(message.reply_to.mid) : undefined;
  const unreadableContent = text.trim() === '' ? (content.kinds[0] ?? 'unknown') : undefined;
  return {
    kind: 'message',
    eventId,
    address,
    occurredAt: context.occurredAt,
    providerMessageId: mid,
    text,
    ...(unreadableContent ? { unreadableContent } : {}),
    ...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
    ...(content.location ? { location: content.location } : {}),
    ...(referral ? { referral } : {}),
    ...(replyTo ? { replyToProviderMessageId: replyTo } : {}),
    profile: {},
  };
}

function contentOf(attachments: unknown): MessageContent {
  const content: MessageContent = { kinds: [], attachments: [] };
  if (!Array.isArray(attachments)) return content;
  const stickersSeen = new Set<string>();
  for (const attachment of attachments) {
    if (!isRecord(attachment)) continue;
    const payload = isRecord(attachment.payload) ? attachment.payload : {};
    const stickerId = wireId(payload.sticker_id);
    const declared = nonEmptyString(attachment.type) ?? 'unknown';
    // Until 30 Aug 2026 a sticker arrives twice, as `sticker` and as `image` with the same sticker_id.
    const type = stickerId && declared === 'image' ? 'sticker' : declared;
    if (stickerId && type === 'sticker') {
      if (stickersSeen.has(stickerId)) continue;
      stickersSeen.add(stickerId);
    }
    content.kinds.push(type);
    const mediaType = MEDIA_TYPES[type];
    const url = providerUrl(payload.url);
    if (mediaType && url) content.attachments.push({ type: mediaType, providerRef: url });
    if (type === 'location' && !content.location) {
      const location = locationOf(payload);
      if (location) content.location = location;
    }
  }
  return content;
}

/** An https URL on one of Meta's hosts, or nothing. */
function providerUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const onMetaHost = PROVIDER_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`));
  return url.protocol === 'https:' && onMetaHost ? value : undefined;
}

/** Legacy location attachments: `payload.coordinates.{lat,long}` and a title. */
function locationOf(payload: Record<string, unknown>): SharedLocation | undefined {
  const coordinates = isRecord(payload.coordinates) ? payload.coordinates : undefined;
  const latitude = coordinates?.lat;
  const longitude = coordinates?.long;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) return undefined;
  const name = nonEmptyString(payload.title);
  return { latitude, longitude, ...(name ? { name } : {}) };
}
