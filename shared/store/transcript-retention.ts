/**
 * How long transcripts are kept, as the CDK construct's `transcriptRetention` prop sets it. The
 * worker stamps `expiresAt` (the table's TTL attribute) on each transcript item it writes, so
 * DynamoDB deletes the item that long after it was written; unset, transcripts are kept until deleted.
 *
 * Kept apart from transcript.ts on purpose: the writer calls transcriptExpiresAt(at) and spreads the
 * result into the item it puts, and nothing else about the transcript changes.
 */
export const TRANSCRIPT_RETENTION_ENV = 'TRANSCRIPT_RETENTION_DAYS';

const SECONDS_PER_DAY = 24 * 60 * 60;

/** Whole days from the environment, or undefined when retention is off. A bad value fails loudly. */
export function transcriptRetentionDays(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[TRANSCRIPT_RETENTION_ENV];
  if (raw === undefined || raw === '') return undefined;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1) {
    throw new Error(`${TRANSCRIPT_RETENTION_ENV} must be a whole number of days >= 1`);
  }
  return days;
}

/** `{ expiresAt }` (epoch seconds) for an item written at `at`, or `{}` when transcripts are kept. */
export function transcriptExpiry(
  at: Date,
  env: NodeJS.ProcessEnv = process.env,
): { readonly expiresAt?: number } {
  const days = transcriptRetentionDays(env);
  return days === undefined ? {} : { expiresAt: Math.floor(at.getTime() / 1000) + days * SECONDS_PER_DAY };
}
