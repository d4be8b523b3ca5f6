import type { ChannelAddress } from './channel.ts';

/**
 * What arrives from a platform, normalised. A webhook can carry several. Wire types never leave
 * shared/channels/<channel>/; everything past the adapter speaks these.
 */
export type InboundEvent = CustomerMessage | CustomerEdit | ButtonTap | UnsupportedUpdate;

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
}

export interface CustomerMessage extends InboundEventBase {
  readonly kind: 'message';
  readonly providerMessageId: string;
  readonly text: string;
  /** Set when the message holds content the product cannot read yet (photo, voice, sticker...). */
  readonly unreadableContent?: string;
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

/**
 * A verified update the product does not act on (yet): acknowledged, counted and kept for an
 * operator to inspect, never answered and never rejected (a 4xx only brings retries).
 */
export interface UnsupportedUpdate {
  readonly kind: 'unsupported';
  readonly eventId: string;
  readonly channel: ChannelAddress['channel'];
  readonly accountId: string;
  /** Platform name of the update kind, e.g. `my_chat_member`, or `unparseable`. */
  readonly updateKind: string;
  readonly occurredAt: string;
  /** The raw body, kept for inspection (bounded by the webhook's size limit). */
  readonly raw: string;
}

/** The FIFO message group for an event: one chat's events are processed in order. */
export function messageGroupOf(event: InboundEvent): string {
  if (event.kind === 'unsupported') return `${event.channel}:${event.accountId}:unsupported`;
  const { channel, accountId, chatId } = event.address;
  return `${channel}:${accountId}:${chatId}`;
}
