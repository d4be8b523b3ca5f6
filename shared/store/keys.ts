import type { ChannelAddress } from '../domain/channel.ts';

/**
 * Single-table keys. Access patterns:
 * - claim of a provider event                 pk EVENT#<event id>                 sk CLAIM
 * - identity → customer                       pk IDENTITY#<channel>#<account>#<user> sk IDENTITY
 * - customer profile and open conversation    pk CUSTOMER#<customer id>            sk PROFILE
 * - conversation owner and version            pk CONVERSATION#<id>                 sk META
 * - transcript in time order                  pk CONVERSATION#<id>                 sk MESSAGE#<message id>
 * - bot state of a conversation / customer    pk BOTSTATE#<storage key>            sk STATE
 * - unsupported updates kept for inspection   pk UNSUPPORTED#<channel>             sk <time>#<event id>
 * - counters                                  pk COUNTER#<name>                    sk <dimension>
 * - platform message id → our message          pk PROVIDERMSG#<channel>#<account>#<id> sk PROVIDERMSG
 * - one-time link code → customer (TTL 10 min)  pk LINKCODE#<code>                   sk LINKCODE
 * - audit trail of a customer                   pk AUDIT#<customer id>               sk <time>#<action>
 * - password-reset token (TTL 30 min)           pk RESETTOKEN#<sha-256 of the token> sk RESETTOKEN
 * - one fixed rate-limit window                 pk RATELIMIT#<bucket digest>         sk <window start, epoch s>
 * - a customer's identities (membership)        pk CUSTOMER#<customer id>            sk IDENTITY#<channel>#<account>#<user>
 * - verified phone → customer                   pk PHONE#<sha-256 of the E.164 number> sk PHONE
 * - what changed for a team's agents (TTL 1 d)  pk FEED#<team>                       sk <time>#<entry id>
 * - an agent request already carried out        pk IDEMPOTENCY#<digest>              sk IDEMPOTENCY
 * - a report counter of a day (8 shards)        pk REPORT#<yyyy-mm-dd>#<shard>       sk <metric>|<name=value>...
 * - conversations by team and owner (GSI byTeam)         teamKey TEAM#<team>#<owner kind>
 * - conversations an agent holds (GSI byAssignee)        assigneeKey AGENT#<agent id>
 * Reset tokens, rate-limit buckets and phones are keyed by digests: no raw token or personal data in a key.
 */
export const keys = {
  eventClaim: (eventId: string) => ({ pk: `EVENT#${eventId}`, sk: 'CLAIM' }),
  identity: (address: Pick<ChannelAddress, 'channel' | 'accountId' | 'userId'>) => ({
    pk: `IDENTITY#${address.channel}#${address.accountId}#${address.userId}`,
    sk: 'IDENTITY',
  }),
  customer: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, sk: 'PROFILE' }),
  conversation: (conversationId: string) => ({ pk: `CONVERSATION#${conversationId}`, sk: 'META' }),
  message: (conversationId: string, messageId: string) => ({
    pk: `CONVERSATION#${conversationId}`,
    sk: `MESSAGE#${messageId}`,
  }),
  transcriptPrefix: (conversationId: string) => ({
    pk: `CONVERSATION#${conversationId}`,
    skPrefix: 'MESSAGE#',
  }),
  botState: (storageKey: string) => ({ pk: `BOTSTATE#${storageKey}`, sk: 'STATE' }),
  unsupported: (channel: string, at: string, eventId: string) => ({
    pk: `UNSUPPORTED#${channel}`,
    sk: `${at}#${eventId}`,
  }),
  counter: (name: string, dimension: string) => ({ pk: `COUNTER#${name}`, sk: dimension }),
  linkCode: (code: string) => ({ pk: `LINKCODE#${code}`, sk: 'LINKCODE' }),
  audit: (customerId: string, at: string, action: string) => ({
    pk: `AUDIT#${customerId}`,
    sk: `${at}#${action}`,
  }),
  resetToken: (tokenHash: string) => ({ pk: `RESETTOKEN#${tokenHash}`, sk: 'RESETTOKEN' }),
  rateLimitWindow: (bucket: string, windowStartSeconds: number) => ({
    pk: `RATELIMIT#${bucket}`,
    sk: String(windowStartSeconds),
  }),
  customerIdentity: (
    customerId: string,
    address: Pick<ChannelAddress, 'channel' | 'accountId' | 'userId'>,
  ) => ({
    pk: `CUSTOMER#${customerId}`,
    sk: `IDENTITY#${address.channel}#${address.accountId}#${address.userId}`,
  }),
  customerIdentitiesPrefix: (customerId: string) => ({ pk: `CUSTOMER#${customerId}`, skPrefix: 'IDENTITY#' }),
  phone: (phoneDigest: string) => ({ pk: `PHONE#${phoneDigest}`, sk: 'PHONE' }),
  feed: (team: string, at: string, entryId: string) => ({ pk: `FEED#${team}`, sk: `${at}#${entryId}` }),
  feedPartition: (team: string) => `FEED#${team}`,
  idempotency: (digest: string) => ({ pk: `IDEMPOTENCY#${digest}`, sk: 'IDEMPOTENCY' }),
  reportCounter: (day: string, shard: number, counter: string) => ({
    pk: `REPORT#${day}#${shard}`,
    sk: counter,
  }),
  providerMessage: (channel: string, accountId: string, providerMessageId: string) => ({
    pk: `PROVIDERMSG#${channel}#${accountId}#${providerMessageId}`,
    sk: 'PROVIDERMSG',
  }),
};

/** Epoch seconds `seconds` from `now`, for the table's TTL attribute. */
export function expiresAfter(now: Date, seconds: number): number {
  return Math.floor(now.getTime() / 1000) + seconds;
}
