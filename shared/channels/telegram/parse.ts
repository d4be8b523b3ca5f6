import { createHash } from 'node:crypto';
import type { ChannelAddress } from '../../domain/channel.ts';
import type { CustomerProfileHint, InboundEvent } from '../../domain/events.ts';
import { platformPhone } from '../../domain/phone.ts';
import { telegramContent } from './content.ts';
import type { TelegramMessage, TelegramUpdate, TelegramUser } from './wire-types.ts';

const MAX_KEPT_RAW_CHARS = 64 * 1024;

/** Message fields that carry content we do not read yet; the bot says so instead of staying silent. */
const NON_TEXT_CONTENT = [
  'photo',
  'document',
  'audio',
  'voice',
  'video',
  'video_note',
  'sticker',
  'animation',
  'location',
  'venue',
  'contact',
  'poll',
  'dice',
] as const;

/**
 * Turns one verified Telegram webhook body into domain events. Never throws: a body that is not
 * an Update, and every update kind we do not act on, become an `unsupported` event that is
 * acknowledged and kept for an operator.
 */
export function parseTelegramUpdate(rawBody: string, botId: string, receivedAt: Date): InboundEvent[] {
  let update: unknown;
  try {
    update = JSON.parse(rawBody);
  } catch {
    return [unsupported(rawBody, botId, receivedAt, 'unparseable')];
  }
  if (!isUpdate(update)) return [unsupported(rawBody, botId, receivedAt, 'unparseable')];

  const eventId = `telegram:${botId}:${update.update_id}`;
  if (update.message) return [fromMessage(update.message, eventId, botId, 'message', rawBody, receivedAt)];
  if (update.edited_message)
    return [fromMessage(update.edited_message, eventId, botId, 'edit', rawBody, receivedAt)];
  const tap = update.callback_query;
  if (tap && typeof tap.id === 'string' && isUser(tap.from)) {
    // Taps on inline-mode messages have no chat; the private chat with the user has the user's id.
    const messageChatId = tap.message?.chat?.id;
    const chatId = Number.isSafeInteger(messageChatId) ? (messageChatId as number) : tap.from.id;
    return [
      {
        kind: 'tap',
        eventId,
        address: address(botId, tap.from.id, chatId),
        occurredAt: receivedAt.toISOString(),
        tapId: tap.id,
        payload: typeof tap.data === 'string' ? tap.data : '',
        profile: profileOf(tap.from),
      },
    ];
  }
  const kind = Object.keys(update).find((key) => key !== 'update_id') ?? 'empty';
  return [{ ...unsupported(rawBody, botId, receivedAt, kind), eventId }];
}

function fromMessage(
  message: TelegramMessage,
  eventId: string,
  botId: string,
  kind: 'message' | 'edit',
  rawBody: string,
  receivedAt: Date,
): InboundEvent {
  if (!isMessage(message))
    return { ...unsupported(rawBody, botId, receivedAt, `${kind}:malformed`), eventId };
  // Older official samples omit chat.type; such chats are private ones.
  const chatType = message.chat.type ?? 'private';
  if (chatType !== 'private')
    return { ...unsupported(rawBody, botId, receivedAt, `${kind}:${chatType}`), eventId };
  const from = isUser(message.from) ? message.from : undefined;
  const seconds = kind === 'edit' ? (message.edit_date ?? message.date) : message.date;
  const base = {
    eventId,
    address: address(botId, from?.id ?? message.chat.id, message.chat.id),
    occurredAt: isoFromUnixSeconds(seconds) ?? receivedAt.toISOString(),
    providerMessageId: String(message.message_id),
    text: message.text ?? message.caption ?? '',
    profile: from ? profileOf(from) : {},
  };
  if (kind === 'edit') return { kind: 'edit', ...base };
  const unreadable = NON_TEXT_CONTENT.find((key) => message[key] !== undefined);
  const content = telegramContent(message, from?.id);
  const ownPhone = content.contacts.find((contact) => contact.isSender)?.phones[0];
  const verifiedPhone = platformPhone(ownPhone);
  const replyTo = isRecord(message.reply_to_message) ? message.reply_to_message.message_id : undefined;
  return {
    kind: 'message',
    ...base,
    ...(verifiedPhone ? { profile: { ...base.profile, verifiedPhone } } : {}),
    ...(unreadable ? { unreadableContent: unreadable } : {}),
    ...(content.attachments.length > 0 ? { attachments: content.attachments } : {}),
    ...(content.location ? { location: content.location } : {}),
    ...(content.contacts.length > 0 ? { contacts: content.contacts } : {}),
    ...(Number.isSafeInteger(replyTo) ? { replyToProviderMessageId: String(replyTo) } : {}),
  };
}

function address(botId: string, userId: number, chatId: number): ChannelAddress {
  return { channel: 'telegram', accountId: botId, userId: String(userId), chatId: String(chatId) };
}

function profileOf(user: TelegramUser): CustomerProfileHint {
  const names = [user.first_name, user.last_name].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  const displayName = names.join(' ') || (typeof user.username === 'string' ? user.username : '');
  return {
    ...(displayName ? { displayName } : {}),
    ...(typeof user.language_code === 'string' && user.language_code ? { locale: user.language_code } : {}),
  };
}

function unsupported(rawBody: string, botId: string, receivedAt: Date, updateKind: string): InboundEvent {
  // Without an update_id, the body itself identifies the delivery: a retry of it is the same event.
  const digest = createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
  return {
    kind: 'unsupported',
    eventId: `telegram:${botId}:body:${digest}`,
    channel: 'telegram',
    accountId: botId,
    updateKind,
    occurredAt: receivedAt.toISOString(),
    // Queue messages are limited to 256 KiB; the start of a body is enough to see what it was.
    raw: rawBody.length > MAX_KEPT_RAW_CHARS ? rawBody.slice(0, MAX_KEPT_RAW_CHARS) : rawBody,
  };
}

/** Telegram dates are Unix seconds; anything outside what a Date can hold is ignored. */
function isoFromUnixSeconds(seconds: unknown): string | undefined {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return undefined;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isUpdate(value: unknown): value is TelegramUpdate {
  return isRecord(value) && Number.isSafeInteger(value.update_id);
}

function isUser(value: unknown): value is TelegramUser {
  return isRecord(value) && Number.isSafeInteger(value.id);
}

function isMessage(value: unknown): value is TelegramMessage {
  return (
    isRecord(value) &&
    Number.isSafeInteger(value.message_id) &&
    isRecord(value.chat) &&
    Number.isSafeInteger(value.chat.id) &&
    (value.text === undefined || typeof value.text === 'string') &&
    (value.caption === undefined || typeof value.caption === 'string')
  );
}
