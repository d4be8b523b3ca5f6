import type { ChannelAddress } from './channel.ts';
import type { MessageRef } from './delivery-reference.ts';

/**
 * What arrives from a platform, normalised. A webhook can carry several. Wire types never leave
 * shared/channels/<channel>/; everything past the adapter speaks these.
 */
export type InboundEvent =
  | CustomerMessage
  | CustomerEdit
  | ButtonTap
  | CustomerReaction
  | CustomerDeletion
  | DeliveryStatusUpdate
  | DeliveryWatermark
  | UnsupportedUpdate;

/** Events written by a customer, in a chat: they have an address and join a conversation. */
export type CustomerEvent = CustomerMessage | CustomerEdit | ButtonTap | CustomerReaction | CustomerDeletion;

interface InboundEventBase {
  /** Globally unique provider event id, e.g. `telegram:<bot id>:<update id>`: the idempotency key. */
  readonly eventId: string;
  readonly address: ChannelAddress;
  /** When the platform says the event happened (ISO 8601). */
  readonly occurredAt: string;
}

export interface CustomerProfileHint {
  readonly displayName?: string;
  /** The platform's locale hint (Telegram `language_code`). */
  readonly locale?: string;
  /**
   * The customer's own phone number in E.164, only when the platform vouches for it (WhatsApp
   * `wa_id`, SMS `From`, a Telegram contact the user shared about themself). Never an identity key.
   */
  readonly verifiedPhone?: string;
}

/** A file the customer sent. It is fetched later through the provider's API only, never from an arbitrary URL. */
export interface Attachment {
  readonly type: 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';
  /** The provider's reference: WhatsApp media id, Telegram file_id, Messenger/Twilio media URL on the provider's host. */
  readonly providerRef: string;
  readonly mimeType?: string;
  readonly caption?: string;
  readonly fileName?: string;
}

export interface SharedLocation {
  readonly latitude: number;
  readonly longitude: number;
  readonly name?: string;
  readonly address?: string;
}

/** A contact card the customer shared. `isSender` only when the platform proves it is the sender's own. */
export interface SharedContact {
  readonly name: string;
  readonly phones: readonly string[];
  readonly providerUserId?: string;
  readonly isSender?: boolean;
}

/** Where the customer came from: an ad, a post, a link with a ref parameter. */
export interface Referral {
  readonly source: string;
  readonly ref?: string;
  readonly adId?: string;
  readonly headline?: string;
  readonly url?: string;
}

export interface CustomerMessage extends InboundEventBase {
  readonly kind: 'message';
  readonly providerMessageId: string;
  /** The text, or a media caption; '' when the message has none. */
  readonly text: string;
  /** Set when the message holds content the bot cannot read (photo, voice, sticker, location...). */
  readonly unreadableContent?: string;
  readonly attachments?: readonly Attachment[];
  readonly location?: SharedLocation;
  readonly contacts?: readonly SharedContact[];
  readonly referral?: Referral;
  /** The provider id of the message this one replies to, when the customer used "reply". */
  readonly replyToProviderMessageId?: string;
  readonly profile: CustomerProfileHint;
}

/** The customer changed a message they sent earlier; the transcript keeps both versions. */
export interface CustomerEdit extends InboundEventBase {
  readonly kind: 'edit';
  readonly providerMessageId: string;
  readonly text: string;
  readonly profile: CustomerProfileHint;
}

/** The customer tapped one of our buttons. */
export interface ButtonTap extends InboundEventBase {
  readonly kind: 'tap';
  /** The platform's id of the tap itself (Telegram callback query id), to acknowledge it. */
  readonly tapId: string;
  /** The button's payload as we set it when rendering. */
  readonly payload: string;
  /** The label the customer saw, when the platform tells it. */
  readonly label?: string;
  readonly profile: CustomerProfileHint;
}

/** The customer reacted to a message (an empty emoji removes the reaction). */
export interface CustomerReaction extends InboundEventBase {
  readonly kind: 'reaction';
  readonly providerMessageId: string;
  readonly emoji: string;
  readonly profile: CustomerProfileHint;
}

/** The customer deleted (unsent) a message; the transcript marks it, an agent still sees it was there. */
export interface CustomerDeletion extends InboundEventBase {
  readonly kind: 'deletion';
  readonly providerMessageId: string;
  readonly profile: CustomerProfileHint;
}

/** The platform reports what became of one of our messages. */
export interface DeliveryStatusUpdate {
  readonly kind: 'status';
  /** e.g. `whatsapp:<phone number id>:<wamid>:read`: a status is its own event. */
  readonly eventId: string;
  readonly channel: ChannelAddress['channel'];
  readonly accountId: string;
  /** The customer's id on the platform, to keep statuses in order with that chat. */
  readonly recipientId: string;
  readonly providerMessageId: string;
  readonly status: 'sent' | 'delivered' | 'read' | 'failed';
  readonly occurredAt: string;
  readonly error?: { readonly code: string; readonly description: string };
  /** Our message, named by the tag we sent with it (see delivery-reference.ts), when the platform echoed it. */
  readonly reference?: MessageRef;
}

/** Messenger reports delivery and reading as a watermark: everything sent before `upTo`. */
export interface DeliveryWatermark {
  readonly kind: 'status_watermark';
  readonly eventId: string;
  readonly channel: ChannelAddress['channel'];
  readonly accountId: string;
  readonly recipientId: string;
  readonly status: 'delivered' | 'read';
  readonly upTo: string;
  /** Message ids the platform listed, when it did. */
  readonly providerMessageIds?: readonly string[];
  readonly occurredAt: string;
}

/**
 * A verified update the product does not act on (yet): acknowledged, counted and kept for an
 * operator to inspect, never answered and never rejected (a 4xx only brings retries).
 */
export interface UnsupportedUpdate {
  readonly kind: 'unsupported';
  readonly eventId: string;
  readonly channel: ChannelAddress['channel'];
  readonly accountId: string;
  /**
   * Platform name of the update kind, e.g. `my_chat_member`, `message_echo`, `standby`, or
   * `unparseable` for a verified body we could not read.
   */
  readonly updateKind: string;
  readonly occurredAt: string;
  /** The raw body, kept for inspection (bounded by the webhook's size limit). */
  readonly raw: string;
}

/** The FIFO message group for an event: one chat's events are processed in order. */
export function messageGroupOf(event: InboundEvent): string {
  switch (event.kind) {
    case 'unsupported':
      return `${event.channel}:${event.accountId}:unsupported`;
    case 'status':
    case 'status_watermark':
      return `${event.channel}:${event.accountId}:${event.recipientId}`;
    default: {
      const { channel, accountId, chatId } = event.address;
      return `${channel}:${accountId}:${chatId}`;
    }
  }
}
