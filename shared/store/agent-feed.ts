import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../domain/channel.ts';
import type { ConversationEvent } from '../domain/conversation.ts';
import type { DeliveryStatus, OutboundMessage } from '../domain/messages.ts';
import type { TableRef } from './dynamo.ts';
import { expiresAfter, keys } from './keys.ts';

/** Agents catch up within a day; older changes are in the conversations themselves. */
const FEED_TTL_SECONDS = 24 * 60 * 60;

/**
 * What changed for a team's agents: the console follows this feed to update the queue and the open
 * conversation without reloading. Entries carry ids, never message text or phone numbers.
 */
export type FeedEntry =
  | (ConversationEvent & { readonly team: string })
  | {
      readonly type: 'customer_message';
      readonly conversationId: string;
      readonly team: string;
      readonly messageId: string;
      readonly channel: Channel;
    }
  | {
      readonly type: 'delivery_status';
      readonly conversationId: string;
      readonly team: string;
      readonly messageId: string;
      readonly status: DeliveryStatus;
    }
  | {
      readonly type: 'agent_message' | 'note';
      readonly conversationId: string;
      readonly team: string;
      readonly messageId: string;
      readonly agentId: string;
    };

export type StoredFeedEntry = FeedEntry & {
  readonly id: string;
  readonly at: string;
  readonly cursor: string;
};

/** Feed entries of a state-machine transition: one per team that should hear of it. */
export function feedEntriesOf(events: readonly ConversationEvent[]): FeedEntry[] {
  return events.flatMap((event): FeedEntry[] => {
    if (event.type === 'transferred')
      return [
        { ...event, team: event.team },
        { ...event, team: event.fromTeam },
      ];
    return event.team ? [{ ...event, team: event.team }] : [];
  });
}

export async function appendFeed(table: TableRef, entries: readonly FeedEntry[], now: Date): Promise<void> {
  await Promise.all(
    entries.map((entry) => {
      const id = randomUUID();
      const at = now.toISOString();
      return table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...keys.feed(entry.team, at, id),
            ...entry,
            id,
            at,
            expiresAt: expiresAfter(now, FEED_TTL_SECONDS),
          },
        }),
      );
    }),
  );
}

/**
 * Entries for these teams after `cursor` (exclusive), oldest first. Entries younger than `settleMs`
 * are held back: writers' clocks and write latencies differ slightly, and a reader that handed out a
 * newer entry before an older-stamped one landed would move its cursor past the older one.
 */
export async function readFeed(
  table: TableRef,
  teams: readonly string[],
  cursor: string,
  options: { now: Date; settleMs: number; limit: number },
): Promise<{ entries: StoredFeedEntry[]; cursor: string }> {
  const horizon = new Date(options.now.getTime() - options.settleMs).toISOString();
  const pages = await Promise.all(
    teams.map((team) =>
      table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :after AND :horizon',
          ExpressionAttributeValues: {
            ':pk': keys.feedPartition(team),
            // `~` sorts after every id character: entries stamped exactly at the cursor time but later ids still come.
            ':after': cursor,
            ':horizon': `${horizon}#~`,
          },
          Limit: options.limit + 1,
        }),
      ),
    ),
  );
  const entries = pages
    .flatMap((page) => page.Items ?? [])
    .filter((item) => item.sk !== cursor)
    .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
    .slice(0, options.limit)
    .map(
      ({ pk: _pk, sk, expiresAt: _expiresAt, ...entry }) =>
        ({ ...entry, cursor: String(sk) }) as StoredFeedEntry,
    );
  // The cursor never moves past the last entry handed out (not up to the horizon when nothing
  // came): an entry stamped before the horizon but landing late is still found by the next read.
  return { entries, cursor: entries.at(-1)?.cursor ?? cursor };
}

/** An agent's message changed status: the agent sees it (failures especially) without reloading. */
export async function notifyAgentOfStatus(
  table: TableRef,
  message: Pick<OutboundMessage, 'author' | 'team' | 'conversationId' | 'messageId'>,
  status: DeliveryStatus,
  now: Date,
): Promise<void> {
  if (message.author.kind !== 'agent' || !message.team) return;
  await appendFeed(
    table,
    [
      {
        type: 'delivery_status',
        conversationId: message.conversationId,
        team: message.team,
        messageId: message.messageId,
        status,
      },
    ],
    now,
  );
}
