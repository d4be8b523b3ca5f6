import type { Attachment, Referral, SharedContact, SharedLocation } from '../../domain/events.ts';
import { platformPhone } from '../../domain/phone.ts';
import { isRecord, list, text } from './parse-support.ts';

/** Message types that carry a file; the first key of Attachment['type'] they map to. */
const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;
type MediaType = (typeof MEDIA_TYPES)[number];

/** What one message (or the new version inside an edit) says, in domain terms. */
export interface MessageContent {
  readonly text: string;
  readonly attachment?: Attachment;
  readonly location?: SharedLocation;
  readonly contacts?: readonly SharedContact[];
  /** The content kind the bot cannot read (`image`, `voice`, `location`, `contacts`...). */
  readonly contentKind?: string;
  /** A phone WhatsApp itself vouches for: the user shared their own number on request. */
  readonly sharedOwnPhone?: string;
}

export function contentOf(message: Record<string, unknown>): MessageContent {
  const type = text(message.type);
  if (type === 'text') return { text: bodyOf(message.text) };
  if (isMediaType(type)) return mediaContent(type, message[type]);
  if (type === 'location') {
    const location = locationOf(message.location);
    return { text: '', contentKind: 'location', ...(location ? { location } : {}) };
  }
  if (type === 'contacts') return contactsContent(message.contacts);
  return { text: bodyOf(message.text) };
}

function bodyOf(value: unknown): string {
  return isRecord(value) && typeof value.body === 'string' ? value.body : '';
}

function isMediaType(type: string | undefined): type is MediaType {
  return MEDIA_TYPES.some((media) => media === type);
}

function mediaContent(type: MediaType, value: unknown): MessageContent {
  const media = isRecord(value) ? value : {};
  const kind: Attachment['type'] = type === 'audio' && media.voice === true ? 'voice' : type;
  const caption = text(media.caption);
  // The media id is fetched later through Graph (GET /{media-id}); the lookaside URL is Meta's host too.
  const providerRef = text(media.id) ?? lookasideUrl(media.url);
  const attachment: Attachment | undefined = providerRef
    ? {
        type: kind,
        providerRef,
        ...(text(media.mime_type) ? { mimeType: media.mime_type as string } : {}),
        ...(caption ? { caption } : {}),
        ...(text(media.filename) ? { fileName: media.filename as string } : {}),
      }
    : undefined;
  return { text: caption ?? '', contentKind: kind, ...(attachment ? { attachment } : {}) };
}

/** Only a URL on Meta's own media host may stand in for a media id (never fetch arbitrary URLs). */
function lookasideUrl(value: unknown): string | undefined {
  const url = text(value);
  if (!url) return undefined;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'https:' && (hostname === 'lookaside.fbsbx.com' || hostname.endsWith('.fbsbx.com'))
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

function locationOf(value: unknown): SharedLocation | undefined {
  if (!isRecord(value)) return undefined;
  const { latitude, longitude } = value;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  return {
    latitude,
    longitude,
    ...(text(value.name) ? { name: value.name as string } : {}),
    ...(text(value.address) ? { address: value.address as string } : {}),
  };
}

function contactsContent(value: unknown): MessageContent {
  const cards = list(value).filter(isRecord);
  const contacts = cards.map(sharedContactOf);
  // origin `contact_request`: WhatsApp shares the sender's own number after they tapped our button.
  const own = cards.find((card) => card.origin === 'contact_request');
  const ownWaId = own
    ? list(own.phones)
        .filter(isRecord)
        .map((phone) => text(phone.wa_id))[0]
    : undefined;
  const ownPhone = platformPhone(ownWaId);
  return {
    text: '',
    contentKind: 'contacts',
    ...(contacts.length > 0 ? { contacts } : {}),
    ...(ownPhone ? { sharedOwnPhone: ownPhone } : {}),
  };
}

function sharedContactOf(card: Record<string, unknown>): SharedContact {
  const name = isRecord(card.name) ? card.name : {};
  const fullName =
    text(name.formatted_name) ??
    [text(name.first_name), text(name.last_name)].filter((part) => part !== undefined).join(' ');
  const phones = list(card.phones).filter(isRecord);
  const numbers = phones
    .map((phone) => text(phone.phone) ?? text(phone.wa_id))
    .filter((number): number is string => number !== undefined);
  const waId = phones.map((phone) => text(phone.wa_id)).find((id) => id !== undefined);
  return {
    name: fullName,
    phones: numbers,
    ...(waId ? { providerUserId: waId } : {}),
    ...(card.origin === 'contact_request' ? { isSender: true } : {}),
  };
}

export function referralOf(value: unknown): Referral | undefined {
  if (!isRecord(value)) return undefined;
  return {
    source: text(value.source_type) ?? 'unknown',
    // The click id is what conversion reporting needs to tie the chat to the ad click.
    ...(text(value.ctwa_clid) ? { ref: value.ctwa_clid as string } : {}),
    ...(text(value.source_id) ? { adId: value.source_id as string } : {}),
    ...(text(value.headline) ? { headline: value.headline as string } : {}),
    ...(text(value.source_url) ? { url: value.source_url as string } : {}),
  };
}

/** WhatsApp ids are phone digits; a few docs write them with '+', which must not make a second customer. */
export function waIdOf(value: unknown): string | undefined {
  const id = text(value);
  return id && /^\+\d+$/.test(id) ? id.slice(1) : id;
}
