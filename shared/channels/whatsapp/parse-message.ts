import type { ChannelAddress } from '../../domain/channel.ts';
import type { CustomerMessage, CustomerProfileHint, InboundEvent } from '../../domain/events.ts';
import { platformPhone } from '../../domain/phone.ts';
import { contentOf, referralOf, waIdOf } from './parse-content.ts';
import {
  type DeliveryScope,
  isoFromUnixSeconds,
  isRecord,
  list,
  text,
  unsupported,
} from './parse-support.ts';

/** Where one message sits in the webhook: our number, the senders' contact cards, the envelope. */
export interface MessageScope extends DeliveryScope {
  readonly accountId: string;
  readonly contacts: readonly Record<string, unknown>[];
  readonly position: string;
  /** The item wrapped in a one-item envelope, kept as `raw` when we do not act on it. */
  readonly raw: unknown;
}

/** Message types that are the customer's own words or content, answered by the bot. */
const CONTENT_TYPES = new Set([
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
]);
/** Every type we turn into a customer event; the rest (system, order, unsupported...) is only kept. */
const ACTIONABLE_TYPES = new Set([...CONTENT_TYPES, 'interactive', 'button', 'reaction', 'edit', 'revoke']);

/** One entry of `messages[]` → one domain event; anything we do not act on is `unsupported`. */
export function parseMessage(message: unknown, scope: MessageScope): InboundEvent {
  if (!isRecord(message) || !text(message.id))
    return unsupported(scope, scope.accountId, 'message:malformed', {
      position: scope.position,
      raw: scope.raw,
    });
  const wamid = message.id as string;
  const type = text(message.type) ?? 'unknown';
  const occurredAt = isoFromUnixSeconds(message.timestamp, scope.receivedAt);
  const skip = (updateKind: string) =>
    unsupported(scope, scope.accountId, updateKind, {
      eventId: `whatsapp:${scope.accountId}:${wamid}`,
      occurredAt,
      raw: scope.raw,
    });
  // A support conversation is one customer and us; group chats are kept for an operator.
  if (text(message.group_id)) return skip(`message:group`);
  if (!ACTIONABLE_TYPES.has(type)) return skip(ignoredKind(message, type));
  const sender = senderOf(message, scope.contacts);
  if (!sender) return skip(`${type}:no_sender`);
  const base = {
    eventId: `whatsapp:${scope.accountId}:${wamid}`,
    address: addressOf(scope.accountId, sender.userId),
    occurredAt,
    profile: sender.profile,
  };

  if (CONTENT_TYPES.has(type)) return customerMessage(message, wamid, base);
  switch (type) {
    case 'interactive':
    case 'button': {
      const tap = tapOf(message);
      return tap ? { kind: 'tap', ...base, tapId: wamid, ...tap } : skip(interactiveKind(message));
    }
    case 'reaction': {
      const reaction = isRecord(message.reaction) ? message.reaction : {};
      const target = text(reaction.message_id);
      if (!target) return skip('reaction:malformed');
      // Meta omits `emoji` (or sends "") when the customer removes their reaction.
      const emoji = typeof reaction.emoji === 'string' ? reaction.emoji : '';
      return { kind: 'reaction', ...base, providerMessageId: target, emoji };
    }
    case 'edit': {
      const edit = isRecord(message.edit) ? message.edit : {};
      const original = text(edit.original_message_id);
      if (!original) return skip('edit:malformed');
      const content = isRecord(edit.message) ? contentOf(edit.message) : { text: '' };
      return { kind: 'edit', ...base, providerMessageId: original, text: content.text };
    }
    case 'revoke': {
      const original = isRecord(message.revoke) ? text(message.revoke.original_message_id) : undefined;
      return original ? { kind: 'deletion', ...base, providerMessageId: original } : skip('revoke:malformed');
    }
    default:
      return skip(type);
  }
}

/** How a type we only keep is counted, e.g. `unsupported:edit` (Meta's own kind) or `system:user_changed_number`. */
function ignoredKind(message: Record<string, unknown>, type: string): string {
  if (type !== 'unsupported' && type !== 'system') return type;
  const detail = message[type];
  return `${type}:${isRecord(detail) ? (text(detail.type) ?? 'unknown') : 'unknown'}`;
}

function customerMessage(
  message: Record<string, unknown>,
  wamid: string,
  base: Omit<CustomerMessage, 'kind' | 'providerMessageId' | 'text'>,
): CustomerMessage {
  const content = contentOf(message);
  const referral = referralOf(message.referral);
  const replyTo = isRecord(message.context) ? text(message.context.id) : undefined;
  const profile =
    content.sharedOwnPhone && !base.profile.verifiedPhone
      ? { ...base.profile, verifiedPhone: content.sharedOwnPhone }
      : base.profile;
  return {
    kind: 'message',
    ...base,
    providerMessageId: wamid,
    text: content.text,
    profile,
    ...(content.contentKind && content.text.trim() === '' ? { unreadableContent: content.contentKind } : {}),
    ...(content.attachment ? { attachments: [content.attachment] } : {}),
    ...(content.location ? { location: content.location } : {}),
    ...(content.contacts ? { contacts: content.contacts } : {}),
    ...(referral ? { referral } : {}),
    ...(replyTo ? { replyToProviderMessageId: replyTo } : {}),
  };
}

/** Reply-button and list taps (interactive) and template quick-reply buttons (button). */
function tapOf(message: Record<string, unknown>): { payload: string; label?: string } | undefined {
  if (isRecord(message.button)) {
    const label = text(message.button.text);
    const payload = text(message.button.payload) ?? label;
    return payload ? { payload, ...(label ? { label } : {}) } : undefined;
  }
  const interactive = isRecord(message.interactive) ? message.interactive : {};
  const reply = isRecord(interactive.button_reply)
    ? interactive.button_reply
    : isRecord(interactive.list_reply)
      ? interactive.list_reply
      : undefined;
  const payload = reply ? text(reply.id) : undefined;
  if (!reply || !payload) return undefined;
  const label = text(reply.title);
  return { payload, ...(label ? { label } : {}) };
}

function interactiveKind(message: Record<string, unknown>): string {
  const subtype = isRecord(message.interactive) ? text(message.interactive.type) : undefined;
  return subtype ? `interactive:${subtype}` : `${text(message.type) ?? 'interactive'}:malformed`;
}

interface Sender {
  readonly userId: string;
  readonly profile: CustomerProfileHint;
}

/**
 * The customer behind a message. Since 2026 the business-scoped user id (BSUID) is the stable key
 * and the phone may be missing, so the BSUID wins and the phone is only a verified attribute.
 */
function senderOf(
  message: Record<string, unknown>,
  contacts: readonly Record<string, unknown>[],
): Sender | undefined {
  const from = waIdOf(message.from);
  const fromUserId = text(message.from_user_id);
  const contact =
    contacts.find(
      (card) =>
        (fromUserId && card.user_id === fromUserId) || (from !== undefined && waIdOf(card.wa_id) === from),
    ) ?? (contacts.length === 1 ? contacts[0] : undefined);
  const waId = waIdOf(contact?.wa_id) ?? from;
  const userId = fromUserId ?? text(contact?.user_id) ?? waId;
  if (!userId) return undefined;
  const profile = isRecord(contact?.profile) ? contact.profile : {};
  const displayName = text(profile.name) ?? text(profile.username);
  const verifiedPhone = platformPhone(waId);
  return {
    userId,
    profile: { ...(displayName ? { displayName } : {}), ...(verifiedPhone ? { verifiedPhone } : {}) },
  };
}

function addressOf(accountId: string, userId: string): ChannelAddress {
  return { channel: 'whatsapp', accountId, userId, chatId: userId };
}

/** The contact cards of one change value (the senders of its messages). */
export function contactCards(value: Record<string, unknown>): Record<string, unknown>[] {
  return list(value.contacts).filter(isRecord);
}
