import type { Language } from './channel.ts';

/** A person who writes to the company, on one or more channels (identities). */
export interface Customer {
  readonly customerId: string;
  readonly displayName?: string;
  /** Language the customer was last answered in; remembered across conversations. */
  readonly language?: Language;
  /** At most one open conversation per customer; every identity's messages join it. */
  readonly openConversationId?: string;
  readonly createdAt: string;
}
