import { randomUUID } from 'node:crypto';
import { BatchGetCommand, DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { keys } from './keys.ts';

/** A stored state object; `eTag` is the optimistic lock the bot framework's Storage contract uses. */
export interface StateItem {
  eTag?: string;
  [key: string]: unknown;
}

export class StateETagConflictError extends Error {
  override readonly name = 'StateETagConflictError';
  constructor(readonly storageKey: string) {
    super(`bot state ${storageKey} was changed by someone else`);
  }
}

/**
 * Bot state in DynamoDB, shaped as the Microsoft 365 Agents SDK's `Storage` interface
 * (read/write/delete with eTags) without importing the SDK. A write whose eTag no longer matches
 * fails; `*` or no eTag writes unconditionally.
 */
export class DynamoStateStorage {
  constructor(private readonly table: TableRef) {}

  async read(storageKeys: string[]): Promise<Record<string, StateItem>> {
    if (storageKeys.length === 0) throw new Error('read needs at least one key');
    const result = await this.table.client.send(
      new BatchGetCommand({
        RequestItems: {
          [this.table.tableName]: {
            Keys: storageKeys.map((key) => keys.botState(key)),
            ConsistentRead: true,
          },
        },
      }),
    );
    const items: Record<string, StateItem> = {};
    for (const row of result.Responses?.[this.table.tableName] ?? []) {
      items[row.storageKey as string] = {
        ...(row.state as Record<string, unknown>),
        eTag: row.eTag as string,
      };
    }
    // Unprocessed keys are throttled reads; retrying them here keeps the contract simple.
    const unprocessed = result.UnprocessedKeys?.[this.table.tableName]?.Keys ?? [];
    if (unprocessed.length > 0) {
      Object.assign(
        items,
        await this.read(unprocessed.map((key) => String(key.pk).slice('BOTSTATE#'.length))),
      );
    }
    return items;
  }

  async write(changes: Record<string, StateItem>): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) throw new Error('write needs at least one change');
    await Promise.all(entries.map(([storageKey, item]) => this.writeOne(storageKey, item)));
  }

  async delete(storageKeys: string[]): Promise<void> {
    await Promise.all(
      storageKeys.map((key) =>
        this.table.client.send(
          new DeleteCommand({ TableName: this.table.tableName, Key: keys.botState(key) }),
        ),
      ),
    );
  }

  protected async writeOne(
    storageKey: string,
    item: StateItem,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const { eTag, ...state } = item;
    const conditional = eTag !== undefined && eTag !== '*';
    try {
      await this.table.client.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...keys.botState(storageKey), storageKey, state, eTag: randomUUID(), ...extra },
          ...(conditional
            ? { ConditionExpression: 'eTag = :eTag', ExpressionAttributeValues: { ':eTag': eTag } }
            : {}),
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) throw new StateETagConflictError(storageKey);
      throw error;
    }
  }
}

/**
 * State storage for one bot turn: the write of `outcomeKey` also stores the turn's outcome, so the
 * new state and what the bot decided to say land in one conditional write, never one without the other.
 */
export class TurnRecordingStateStorage<TOutcome extends { eventId: string }> extends DynamoStateStorage {
  private outcome: TOutcome | undefined;

  constructor(
    table: TableRef,
    private readonly outcomeKey: string,
  ) {
    super(table);
  }

  recordOutcome(outcome: TOutcome): void {
    this.outcome = outcome;
  }

  protected override async writeOne(storageKey: string, item: StateItem): Promise<void> {
    const extra = storageKey === this.outcomeKey && this.outcome ? { lastTurn: this.outcome } : {};
    await super.writeOne(storageKey, item, extra);
  }
}

/** The outcome stored with the state by the last turn, if that turn handled `eventId`. */
export async function storedTurnOutcome<TOutcome extends { eventId: string }>(
  table: TableRef,
  storageKey: string,
  eventId: string,
): Promise<TOutcome | undefined> {
  const result = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.botState(storageKey), ConsistentRead: true }),
  );
  const lastTurn = result.Item?.lastTurn as TOutcome | undefined;
  return lastTurn?.eventId === eventId ? lastTurn : undefined;
}
