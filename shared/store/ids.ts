import { createHash, randomUUID } from 'node:crypto';

/** A short stable digest: ids derived from a provider event id are the same on every retry. */
export function stableDigest(input: string, length = 20): string {
  return createHash('sha256').update(input).digest('base64url').slice(0, length);
}

/**
 * Message ids sort by time (a transcript is a range query), then by a suffix that is stable for
 * the event that produced the message, so reprocessing an event rewrites the same item.
 */
export function messageId(at: Date, stableSuffix: string): string {
  return `${at.getTime().toString(36).padStart(9, '0')}-${stableSuffix}`;
}

export function newCustomerId(): string {
  return `cus_${randomUUID().replaceAll('-', '')}`;
}
