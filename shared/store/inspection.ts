import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UnsupportedUpdate } from '../domain/events.ts';
import type { TableRef } from './dynamo.ts';
import { expiresAfter, keys } from './keys.ts';

/** Unsupported updates are kept 30 days: long enough for an operator to look, short enough to stay cheap. */
const KEEP_FOR_INSPECTION_SECONDS = 30 * 24 * 60 * 60;

/** Keeps an update the product does not act on, and counts it by channel and kind. */
export async function keepForInspection(
  table: TableRef,
  update: UnsupportedUpdate,
  now: Date,
): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...keys.unsupported(update.channel, update.occurredAt, update.eventId),
        ...update,
        expiresAt: expiresAfter(now, KEEP_FOR_INSPECTION_SECONDS),
      },
    }),
  );
  await incrementCounter(table, 'unsupported_updates', `${update.channel}#${update.updateKind}`);
}

export async function incrementCounter(table: TableRef, name: string, dimension: string): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.counter(name, dimension),
      UpdateExpression: 'ADD #count :one',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}
