import type { ChannelAddress } from './channel.ts';

/** A customer on one channel, as stored: who they are there and what the channel allows now. */
export interface Identity {
  readonly address: ChannelAddress;
  readonly customerId?: string;
  /** When the customer last wrote on this identity: opens the WhatsApp/Messenger reply window. */
  readonly lastCustomerMessageAt?: string;
  /** SMS: the customer sent STOP; nothing may be sent until START. */
  readonly optedOut?: boolean;
  readonly verifiedPhone?: string;
  readonly linkedAt?: string;
  readonly linkedBy?: 'first_contact' | 'phone_match' | 'link_code' | 'agent_undo';
  /** The customer this identity belonged to before its last link: an agent can undo the link. */
  readonly previousCustomerId?: string;
  /** An agent undid a link: this identity never joins another customer automatically again. */
  readonly autoLinkBlocked?: boolean;
}
