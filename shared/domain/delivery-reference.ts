/**
 * The tag we send with every message, so a platform's status report can name our message even
 * when we never learnt the platform's id for it (the sender died between the call and recording
 * the answer). WhatsApp echoes it as `biz_opaque_callback_data` (≤ 512 chars), Messenger as the
 * echo's `metadata` (≤ 1000), Twilio through the query string of the StatusCallback URL.
 */
export interface MessageRef {
  readonly conversationId: string;
  readonly messageId: string;
}

const PREFIX = 'omni1:';
/** Marks every part of a split message but the last. */
const MORE_PARTS_FOLLOW = ':more';

/**
 * The tag for one send call. A message split into several calls tags all but the last part as
 * such: only the last part's report says the whole message reached the platform.
 */
export function deliveryReference(ref: MessageRef, options: { morePartsFollow?: boolean } = {}): string {
  const tag = `${PREFIX}${encodeURIComponent(ref.conversationId)}:${encodeURIComponent(ref.messageId)}`;
  return options.morePartsFollow ? `${tag}${MORE_PARTS_FOLLOW}` : tag;
}

/**
 * Our message, from a tag a platform echoed back when the whole message reached it (the report of
 * its last part); undefined for an earlier part and for anything else (another app's metadata).
 */
export function parseDeliveryReference(value: unknown): MessageRef | undefined {
  if (typeof value !== 'string' || !value.startsWith(PREFIX) || value.length > 512) return undefined;
  const parts = value.slice(PREFIX.length).split(':');
  if (parts.length !== 2) return undefined;
  try {
    const [conversationId, messageId] = parts.map((part) => decodeURIComponent(part));
    if (!conversationId || !messageId) return undefined;
    return { conversationId, messageId };
  } catch {
    return undefined;
  }
}
