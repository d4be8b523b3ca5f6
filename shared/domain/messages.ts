import type { Channel, ChannelAddress } from './channel.ts';

/** A button offered to the customer; `payload` comes back in a ButtonTap. */
export interface QuickReply {
  readonly label: string;
  readonly payload: string;
}

/** Who wrote a message in the transcript. */
export type Author =
  | { readonly kind: 'customer' }
  | { readonly kind: 'bot' }
  | { readonly kind: 'agent'; readonly agentId: string };

/**
 * Delivery status of a message we send:
 * queued → sending → sent → delivered → read, or failed / uncertain / cancelled.
 * `uncertain`: a send attempt started but we cannot know whether the platform accepted it, and
 * sending again could duplicate it (no platform offers an idempotency key); a later delivery or
 * read receipt settles it.
 * `cancelled`: not sent because the conversation changed owner before the send.
 */
export type DeliveryStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'read'
  | 'failed'
  | 'uncertain'
  | 'cancelled';

const FORWARD_RANK: Record<Exclude<DeliveryStatus, 'failed' | 'cancelled'>, number> = {
  queued: 0,
  sending: 1,
  uncertain: 2,
  sent: 3,
  delivered: 4,
  read: 5,
};

/**
 * Status streams arrive late and out of order: keep the furthest news, never go back. A failure
 * ends a message that was not yet delivered; a delivery or read receipt outranks a failure (the
 * customer has it); a cancelled message was never sent, so nothing moves it.
 */
export function advanceStatus(current: DeliveryStatus, next: DeliveryStatus): DeliveryStatus {
  if (current === 'cancelled') return current;
  if (next === 'cancelled') return current === 'queued' ? next : current;
  if (current === 'failed') return next === 'delivered' || next === 'read' ? next : current;
  if (next === 'failed') return FORWARD_RANK[current] < FORWARD_RANK.delivered ? next : current;
  return FORWARD_RANK[next] > FORWARD_RANK[current] ? next : current;
}

/** A reply on its way to a customer, as stored in the transcript and handed to the sender. */
export interface OutboundMessage {
  readonly messageId: string;
  readonly conversationId: string;
  readonly author: Author;
  readonly to: ChannelAddress;
  readonly text: string;
  readonly quickReplies: readonly QuickReply[];
  readonly status: DeliveryStatus;
  /**
   * `handoff_notice`: the bot's last words when it hands the customer to the queue.
   * `closing_notice`: the bot's last words in a conversation it settled and closed.
   * `compliance`: an answer the law requires whoever owns the conversation (SMS HELP).
   */
  readonly purpose?: 'handoff_notice' | 'closing_notice' | 'compliance';
  readonly createdAt: string;
  /** An agent's message: the team whose agents follow its delivery status. */
  readonly team?: string;
  readonly providerMessageId?: string;
  readonly failure?: { readonly code: string; readonly description: string };
  /** When `status` last changed (ISO 8601). */
  readonly statusChangedAt?: string;
  /** Send attempts started so far. */
  readonly attempts?: number;
}

/** Work items on the outbound queue. */
export type OutboundWork =
  | { readonly kind: 'message'; readonly conversationId: string; readonly messageId: string }
  /** Acknowledge a button tap so the customer's app stops its spinner (Telegram answerCallbackQuery). */
  | {
      readonly kind: 'tap_ack';
      readonly channel: Channel;
      readonly accountId: string;
      readonly tapId: string;
    }
  /** Show the customer we read their message and are typing (WhatsApp blue ticks + typing indicator). */
  | {
      readonly kind: 'mark_read';
      readonly channel: Channel;
      readonly accountId: string;
      readonly providerMessageId: string;
    };
