import type { Channel } from '../domain/channel.ts';
import type { InboundEvent } from '../domain/events.ts';
import type { HttpRequest } from '../http/types.ts';

/**
 * What the webhook needs from a channel. Each channel folder implements it with its own verify and
 * parse; wire types never leave the folder.
 */
export interface InboundAdapter {
  readonly channel: Channel;
  /**
   * Whether the request really comes from the platform. `refreshCredentials` asks for freshly
   * fetched credentials, used once after a failure in case the secret was rotated.
   */
  authenticate(request: HttpRequest, options: { refreshCredentials: boolean }): Promise<boolean>;
  /** Domain events in the body. Never throws on malformed input: that becomes an `unsupported` event. */
  parse(request: HttpRequest, receivedAt: Date): Promise<InboundEvent[]>;
}
