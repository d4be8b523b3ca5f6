import type { Channel } from '../domain/channel.ts';
import type { OutboundMessage } from '../domain/messages.ts';

/**
 * What the sender needs from a channel: deliver one message (rendering it for the platform), and
 * acknowledge a button tap. Errors are ChannelApiError / ChannelNetworkError.
 */
export interface OutboundAdapter {
  readonly channel: Channel;
  deliver(message: OutboundMessage): Promise<{ providerMessageId: string }>;
  acknowledgeTap(accountId: string, tapId: string): Promise<void>;
}
