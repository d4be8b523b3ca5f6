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

export function deliveryReference(ref: MessageRef): string {
  return `${PREFIX}${encodeURIComponent(ref.conversationId)}:${encodeURIComponent(ref.messageId)}`;
}

/** Our tag back from a platform; undefined for anything else (another app's metadata, tampering). */
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
