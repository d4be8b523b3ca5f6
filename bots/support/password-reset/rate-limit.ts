import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionalCheckFailed, type TableRef } from '../../../shared/store/dynamo.ts';
import { keys } from '../../../shared/store/keys.ts';

export interface RateLimit {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** Seconds until the current window ends when refused; 0 when allowed. */
  readonly retryAfterSeconds: number;
}

/**
 * A fixed-window limiter in the single table: windows are aligned to multiples of `windowSeconds`
 * since the epoch, and each (key, window) is one item whose counter one UpdateItem adds to, on the
 * condition that it is still under the limit. Atomic without transactions (the local server has
 * none), and a refused request writes nothing, so hammering does not push the window further.
 *
 * The window start is part of the item's key, so a new window starts from an item that does not
 * exist yet: an old window is never read again, which filters expired windows even where TTL is
 * not enforced (the local server). Its TTL (`expiresAt` = window end) only tidies the table.
 *
 * `key` must hold no personal data: pass a digest (see `resetRateLimitKeys`).
 * A fixed window can let through up to 2×limit across a window edge; for reset links that is fine.
 */
export async function takeToken(
  table: TableRef,
  key: string,
  { limit, windowSeconds }: RateLimit,
  now: Date,
): Promise<RateLimitDecision> {
  if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new Error('A rate limit needs a whole limit and window of at least 1');
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const windowStart = nowSeconds - (nowSeconds % windowSeconds);
  const windowEnd = windowStart + windowSeconds;
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.rateLimitWindow(key, windowStart),
        UpdateExpression: 'ADD #count :one SET expiresAt = :windowEnd',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':windowEnd': windowEnd },
      }),
    );
    return { allowed: true, retryAfterSeconds: 0 };
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return { allowed: false, retryAfterSeconds: Math.max(1, windowEnd - nowSeconds) };
  }
}
