import { createHash, randomBytes } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type TableRef } from '../../../shared/store/dynamo.ts';
import { expiresAfter, keys } from '../../../shared/store/keys.ts';

/** How long a reset link works: 30 minutes, as the help centre tells customers. */
export const RESET_LINK_TTL_SECONDS = 30 * 60;

/** 32 random bytes, base64url without padding: always 43 characters of [A-Za-z0-9_-]. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export type RedeemOutcome = 'ok' | 'expired' | 'used' | 'unknown';

/** SHA-256 of the token, hex. Only this is stored: a leaked table or backup cannot reset anyone. */
export function hashResetToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Creates a one-time reset token for an account and returns the raw token, which goes into the
 * customer's link and nowhere else. The item carries the account id (no address) and the expiry,
 * which is also the table's TTL attribute so DynamoDB removes it afterwards.
 */
export async function issueResetToken(table: TableRef, accountId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...keys.resetToken(hashResetToken(token)),
        account: accountId,
        createdAt: now.toISOString(),
        expiresAt: expiresAfter(now, RESET_LINK_TTL_SECONDS),
      },
      // 256 random bits never collide in practice; the condition makes sure a bug cannot overwrite.
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return token;
}

/**
 * Spends a token. Single use holds under concurrency because the check and the mark are one
 * conditional UpdateItem: of two simultaneous clicks exactly one sees `ok`. The condition also
 * checks the expiry itself, since TTL deletion is lazy on AWS and absent on the local server.
 */
export async function redeemResetToken(table: TableRef, token: string, now: Date): Promise<RedeemOutcome> {
  // Anything not shaped like our tokens cannot be one; no need to ask the table.
  if (!TOKEN_SHAPE.test(token)) return 'unknown';
  const key = keys.resetToken(hashResetToken(token));
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: key,
        UpdateExpression: 'SET usedAt = :now',
        ConditionExpression:
          'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :nowSeconds',
        ExpressionAttributeValues: {
          ':now': now.toISOString(),
          ':nowSeconds': Math.floor(now.getTime() / 1000),
        },
      }),
    );
    return 'ok';
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  // Why it failed decides only the operator's view and the tests; the customer sees one message.
  const existing = (
    await table.client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))
  ).Item;
  if (!existing) return 'unknown';
  return existing.usedAt !== undefined ? 'used' : 'expired';
}
