import { randomInt } from 'node:crypto';
import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { expiresAfter, keys } from './keys.ts';

/** A link code lives 10 minutes: long enough to switch apps, short enough not to be guessed. */
export const LINK_CODE_TTL_SECONDS = 10 * 60;

/** Issues a fresh 6-digit code for this customer (retrying on the rare collision with a live code). */
export async function issueLinkCode(table: TableRef, customerId: string, now: Date): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...keys.linkCode(code),
            customerId,
            issuedAt: now.toISOString(),
            expiresAt: expiresAfter(now, LINK_CODE_TTL_SECONDS),
          },
          // A used or expired code may be reissued; a live one may not.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR attribute_exists(usedAt)',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        }),
      );
      return code;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
  throw new Error('could not issue a link code');
}

/** Spends a code once: the customer it was issued to, or undefined when unknown, used or expired. */
export async function redeemLinkCode(table: TableRef, code: string, now: Date): Promise<string | undefined> {
  try {
    const result = await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.linkCode(code),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':at': now.toISOString(), ':now': Math.floor(now.getTime() / 1000) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes?.customerId as string | undefined;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}
