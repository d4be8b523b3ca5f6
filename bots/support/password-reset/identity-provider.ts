import type { Language } from '../../../shared/domain/channel.ts';
import { logger } from '../../../shared/observability/logger.ts';

export interface StartResetInput {
  /** The e-mail address or E.164 phone the customer typed (see `accountHintFrom`); never a password. */
  readonly accountHint: string;
  /** The language of the message that carries the link. */
  readonly language: Language;
}

/**
 * Where accounts live: Amazon Cognito on AWS, a demo directory locally. `startReset` sends a
 * one-time link to the address the account already has on file, never to one the customer typed.
 *
 * It resolves the same way whether or not an account matches (OWASP Forgot Password: the caller,
 * and so the customer, must not learn whether an account exists). Implementations swallow the
 * provider's "no such user" errors, and every other per-user error as well, because an error that
 * only a real account can produce (no verified address, disabled, throttled) would reveal it too.
 */
export interface IdentityProvider {
  startReset(input: StartResetInput): Promise<void>;
}

/**
 * What happened, for operators only: `requested` (the provider accepted it; for the demo, a link was
 * sent), `no_account` (nothing matched or the account cannot receive a link), `throttled` (the
 * provider's own limits), `failed` (anything else: misconfiguration, outage).
 */
export type ResetRequestOutcome = 'requested' | 'no_account' | 'throttled' | 'failed';

/** Counts outcomes. `errorName` is an exception name such as UserNotFoundException, never user data. */
export type ResetOutcomeRecorder = (
  provider: string,
  outcome: ResetRequestOutcome,
  errorName?: string,
) => void;

/**
 * Default recorder: one structured log line per request, with the outcome and the error's name
 * and nothing from the request, so a metric filter can count them and the log holds no hint.
 * `failed` is an error (someone must look at it); the rest is ordinary traffic.
 */
export const logResetOutcome: ResetOutcomeRecorder = (provider, outcome, errorName) => {
  const fields = { provider, outcome, ...(errorName ? { errorName } : {}) };
  if (outcome === 'failed') logger.error('password reset request failed at the identity provider', fields);
  else if (outcome === 'throttled')
    logger.warn('password reset request throttled by the identity provider', fields);
  else logger.info('password reset request handled by the identity provider', fields);
};

/** The name of a thrown error (the AWS SDK sets it to the service's exception type), or 'Unknown'. */
export function errorNameOf(error: unknown): string {
  return error instanceof Error && error.name ? error.name : 'Unknown';
}
