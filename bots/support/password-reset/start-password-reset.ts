import { createHash, randomInt } from 'node:crypto';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Language } from '../../../shared/domain/channel.ts';
import type { TableRef } from '../../../shared/store/dynamo.ts';
import { normaliseAccountHint } from './account-hint.ts';
import { errorNameOf, type IdentityProvider, logResetOutcome } from './identity-provider.ts';
import { type RateLimit, takeToken } from './rate-limit.ts';

/** At most 3 reset requests an hour from one customer, and 3 an hour for one e-mail or phone. */
export const PASSWORD_RESET_LIMITS: { readonly perSender: RateLimit; readonly perAccountHint: RateLimit } = {
  perSender: { limit: 3, windowSeconds: 60 * 60 },
  perAccountHint: { limit: 3, windowSeconds: 60 * 60 },
};

/** Extra random delay on top of the floor, so the floor itself cannot be read off as a constant. */
export const DEFAULT_JITTER_MS = 100;

/** Clock, sleep and randomness, injectable so tests can check the padding without waiting on it. */
export interface ResetTiming {
  /** Monotonic milliseconds (performance.now()). */
  elapsedMs(): number;
  sleep(ms: number): Promise<void>;
  /** A whole number in [0, maxExclusive). */
  jitter(maxExclusive: number): number;
}

export const REAL_TIMING: ResetTiming = {
  elapsedMs: () => performance.now(),
  sleep: (ms) => sleepFor(ms),
  jitter: (maxExclusive) => (maxExclusive > 0 ? randomInt(maxExclusive) : 0),
};

export interface StartPasswordResetInput {
  readonly table: TableRef;
  readonly provider: IdentityProvider;
  readonly now: Date;
  /** Who is asking: the customer id, or the channel identity when there is none yet. Hashed before use. */
  readonly senderKey: string;
  /** The e-mail or phone from `accountHintFrom`. */
  readonly accountHint: string;
  readonly language: Language;
  /** The call never returns sooner than this (plus jitter), whatever the provider did. */
  readonly minDurationMs?: number;
  readonly jitterMs?: number;
  readonly limits?: typeof PASSWORD_RESET_LIMITS;
  readonly timing?: ResetTiming;
}

/**
 * What the customer is told. `sent` is said for known and unknown accounts alike ("if an account
 * matches, a link is on its way"); `rate_limited` depends only on request counts, never on the
 * account, so neither reply tells anyone whether an account exists.
 */
export type StartPasswordResetResult =
  | { readonly outcome: 'sent' }
  | { readonly outcome: 'rate_limited'; readonly retryAfterSeconds: number };

/**
 * The password-reset use case: check the sender's and the hint's budgets, ask the identity provider
 * to send a link to the account's registered address, and answer no sooner than the floor.
 *
 * The floor is there because a known account costs more work (a token, a message) than an unknown
 * one, and a response time that differs is as telling as a different reply (OWASP: consistent
 * response time). Keep `minDurationMs` above the provider's usual latency. Both budgets are
 * checked before the provider is called, so a refusal never depends on the account.
 */
export async function startPasswordReset(input: StartPasswordResetInput): Promise<StartPasswordResetResult> {
  const timing = input.timing ?? REAL_TIMING;
  const startedAt = timing.elapsedMs();
  try {
    return await decide(input);
  } finally {
    const floor = (input.minDurationMs ?? 400) + timing.jitter(input.jitterMs ?? DEFAULT_JITTER_MS);
    // A loop, because timers measure from the event loop's cached time and may fire a little early.
    for (let remaining = floor - (timing.elapsedMs() - startedAt); remaining > 0; ) {
      await timing.sleep(remaining);
      remaining = floor - (timing.elapsedMs() - startedAt);
    }
  }
}

async function decide(input: StartPasswordResetInput): Promise<StartPasswordResetResult> {
  const limits = input.limits ?? PASSWORD_RESET_LIMITS;
  const buckets = resetRateLimitKeys(input.senderKey, input.accountHint);
  // The sender first: a customer over their budget does not also spend the account's.
  for (const [bucket, limit] of [
    [buckets.sender, limits.perSender],
    [buckets.accountHint, limits.perAccountHint],
  ] as const) {
    const decision = await takeToken(input.table, bucket, limit, input.now);
    if (!decision.allowed) return { outcome: 'rate_limited', retryAfterSeconds: decision.retryAfterSeconds };
  }
  try {
    await input.provider.startReset({
      accountHint: normaliseAccountHint(input.accountHint),
      language: input.language,
    });
  } catch (error) {
    // Providers are built not to throw; if one does, the reply still must not differ.
    logResetOutcome('unknown', 'failed', errorNameOf(error));
  }
  return { outcome: 'sent' };
}

/**
 * Rate-limit bucket keys with no personal data in them: a SHA-256 digest of the sender key and of
 * the normalised hint, each with its own prefix so the two can never share a bucket.
 */
export function resetRateLimitKeys(
  senderKey: string,
  accountHint: string,
): { readonly sender: string; readonly accountHint: string } {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
  return {
    sender: `password-reset#sender#${digest(`sender:${senderKey}`)}`,
    accountHint: `password-reset#hint#${digest(`hint:${normaliseAccountHint(accountHint)}`)}`,
  };
}
