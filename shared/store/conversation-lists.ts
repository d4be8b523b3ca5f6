import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../definitions.ts';
import type { Conversation, Owner } from '../domain/conversation.ts';
import { teamIndexKey } from './conversations.ts';
import type { TableRef } from './dynamo.ts';

export interface ConversationPage {
  readonly conversations: readonly Conversation[];
  /** Opaque; present when there is more. */
  readonly cursor?: string;
}

interface ListOptions {
  readonly limit: number;
  readonly cursor?: string;
}

/** Queued conversations of these teams: highest priority first, then the longest waiting. */
export function listQueue(
  table: TableRef,
  teams: readonly string[],
  options: ListOptions,
): Promise<ConversationPage> {
  return mergedIndexPage(
    table,
    TABLE.indexes.byTeam,
    teams.map((team) => teamIndexKey(team, 'queue')),
    'ascending',
    options,
  );
}

/** Conversations of these teams with this kind of owner, most recently changed first. */
export function listByTeamAndOwner(
  table: TableRef,
  teams: readonly string[],
  ownerKind: Owner['kind'],
  options: ListOptions,
): Promise<ConversationPage> {
  if (ownerKind === 'queue') return listQueue(table, teams, options);
  return mergedIndexPage(
    table,
    TABLE.indexes.byTeam,
    teams.map((team) => teamIndexKey(team, ownerKind)),
    'descending',
    options,
  );
}

/** Conversations an agent holds now, most recently changed first. */
export function listByAssignee(
  table: TableRef,
  agentId: string,
  options: ListOptions,
): Promise<ConversationPage> {
  return mergedIndexPage(table, TABLE.indexes.byAssignee, [`AGENT#${agentId}`], 'descending', options);
}

/**
 * One page across several index partitions (one per team), merged in sort-key order. The cursor
 * remembers, per partition, the last sort key handed out, so pages never repeat or skip an item.
 */
async function mergedIndexPage(
  table: TableRef,
  index: { readonly name: string; readonly partitionKey: string; readonly sortKey: string },
  partitions: readonly string[],
  order: 'ascending' | 'descending',
  options: ListOptions,
): Promise<ConversationPage> {
  const positions = decodeCursor(options.cursor);
  const fetched = await Promise.all(
    partitions.map(async (partition) => {
      const after = positions[partition];
      const result = await table.client.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: index.name,
          KeyConditionExpression: `#pk = :pk${after ? ` AND #sk ${order === 'ascending' ? '>' : '<'} :after` : ''}`,
          ExpressionAttributeNames: { '#pk': index.partitionKey, ...(after ? { '#sk': index.sortKey } : {}) },
          ExpressionAttributeValues: { ':pk': partition, ...(after ? { ':after': after } : {}) },
          ScanIndexForward: order === 'ascending',
          Limit: options.limit + 1,
        }),
      );
      const items = result.Items ?? [];
      return { partition, items };
    }),
  );
  const sortOf = (item: Record<string, unknown>) => String(item[index.sortKey]);
  const merged = fetched
    .flatMap(({ partition, items }) => items.map((item) => ({ partition, item })))
    .sort((a, b) => (order === 'ascending' ? 1 : -1) * sortOf(a.item).localeCompare(sortOf(b.item)));
  const taken = merged.slice(0, options.limit);
  const next = { ...positions };
  for (const { partition, item } of taken) next[partition] = sortOf(item);
  const takenPer = (partition: string) => taken.filter((entry) => entry.partition === partition).length;
  // Each partition was asked for one more than a page: anything left untaken means another page.
  const more = fetched.some(({ partition, items }) => takenPer(partition) < items.length);
  return {
    conversations: taken.map(({ item }) => conversationFromItem(item)),
    ...(more ? { cursor: encodeCursor(next) } : {}),
  };
}

export function conversationFromItem(item: Record<string, unknown>): Conversation {
  const {
    pk: _pk,
    sk: _sk,
    [TABLE.indexes.byTeam.partitionKey]: _teamKey,
    [TABLE.indexes.byTeam.sortKey]: _teamSort,
    [TABLE.indexes.byAssignee.partitionKey]: _assigneeKey,
    [TABLE.indexes.byAssignee.sortKey]: _assigneeSort,
    ...conversation
  } = item;
  return conversation as unknown as Conversation;
}

function encodeCursor(positions: Record<string, string>): string {
  return Buffer.from(JSON.stringify(positions)).toString('base64url');
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

function decodeCursor(cursor: string | undefined): Record<string, string> {
  if (!cursor) return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      const entries = Object.entries(parsed).filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
      if (entries.length === Object.keys(parsed).length) return Object.fromEntries(entries);
    }
  } catch {
    // Reported below.
  }
  throw new InvalidCursorError('The cursor is not one this API handed out');
}
