import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { EVENT_CLAIM_TTL_SECONDS } from '../definitions.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { expiresAfter, keys } from './keys.ts';

/**
 * `new`: first time we see this provider event. `resumed`: an earlier attempt claimed it and died
 * before finishing, so the work is redone (every step after the claim is idempotent). `done`: a
 * duplicate delivery of an event already handled.
 */
export type ClaimOutcome = 'new' | 'resumed' | 'done';

/** Durable deduplication of provider events, far beyond the FIFO queue's five-minute window. */
export async function claimEvent(table: TableRef, eventId: string, now: Date): Promise<ClaimOutcome> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.eventClaim(eventId),
          status: 'processing',
          claimedAt: now.toISOString(),
          expiresAt: expiresAfter(now, EVENT_CLAIM_TTL_SECONDS),
        },
        // An expired claim (TTL deletes lazily) counts as absent.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :nowSeconds',
        ExpressionAttributeValues: { ':nowSeconds': Math.floor(now.getTime() / 1000) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'new';
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // DynamoDB returns the old item with the failure; the embedded local server does not, so read it.
    const existing =
      (error as { Item?: Record<string, unknown> }).Item ??
      (
        await table.client.send(
          new GetCommand({ TableName: table.tableName, Key: keys.eventClaim(eventId), ConsistentRead: true }),
        )
      ).Item;
    return existing?.status === 'done' ? 'done' : 'resumed';
  }
}

export async function completeEvent(table: TableRef, eventId: string, now: Date): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.eventClaim(eventId),
      UpdateExpression: 'SET #status = :done, completedAt = :now',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':now': now.toISOString() },
    }),
  );
}
