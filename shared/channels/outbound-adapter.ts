import type { Channel } from '../domain/channel.ts';
import type { OutboundMessage } from '../domain/messages.ts';
import type { ReplyWindow } from '../domain/reply-window.ts';

/** What a channel can show, so rendering degrades in the adapter, never in bot logic. */
export interface ChannelCapabilities {
  /** Longest text of one platform message; longer text is split on word boundaries. */
  readonly maxTextLength: number;
  /** How quick replies are shown: inline keyboard, reply buttons/list, quick replies, or a numbered list in the text. */
  readonly buttons: 'inline_keyboard' | 'reply_buttons' | 'quick_replies' | 'numbered_text';
  /** Hours after the customer's last message during which free-form replies are allowed; undefined = no window. */
  readonly replyWindowHours?: number;
}

export interface DeliveryContext {
  /** The reply window as the sender computed it for this recipient right before sending. */
  readonly window: ReplyWindow;
}

/**
 * What the sender needs from a channel: deliver one message (rendering it for the platform), and
 * optionally acknowledge a button tap or mark a message read. Errors: ChannelApiError (the platform
 * refused; `retryable` from the platform's codes), ChannelNetworkError (no answer), or
 * UndeliverableMessageError (the message cannot be expressed there: never retried).
 */
export interface OutboundAdapter {
  readonly channel: Channel;
  readonly capabilities: ChannelCapabilities;
  /** Sends every part of the message; resolves with the provider id of the last part. */
  deliver(message: OutboundMessage, context: DeliveryContext): Promise<{ providerMessageId: string }>;
  /** Stops the client's spinner after a tap (Telegram answerCallbackQuery); absent elsewhere. */
  acknowledgeTap?(accountId: string, tapId: string): Promise<void>;
  /** Marks the customer's message read and shows typing while the bot works (WhatsApp). */
  markReadAndTyping?(accountId: string, providerMessageId: string): Promise<void>;
}
