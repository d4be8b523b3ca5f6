import { createHmac } from 'node:crypto';
import {
  ForgotPasswordCommand,
  type ForgotPasswordCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  errorNameOf,
  type IdentityProvider,
  logResetOutcome,
  type ResetOutcomeRecorder,
  type ResetRequestOutcome,
} from './identity-provider.ts';

/**
 * The one call this provider makes. A `CognitoIdentityProviderClient` satisfies it; tests pass a
 * plain object with `send`, so no module mocking is needed.
 */
export interface ForgotPasswordClient {
  send(command: ForgotPasswordCommand): Promise<ForgotPasswordCommandOutput>;
}

export interface CognitoIdentityProviderOptions {
  readonly client: ForgotPasswordClient;
  /** The user pool app client id (COGNITO_USER_POOL_CLIENT_ID). */
  readonly clientId: string;
  /** Only for an app client that has a secret: Cognito then requires a SecretHash on every call. */
  readonly clientSecret?: string;
  readonly record?: ResetOutcomeRecorder;
}

/** Exceptions that mean "no account a link can go to": unknown user, no verified e-mail/phone, unconfirmed. */
const NO_ACCOUNT = new Set([
  'UserNotFoundException',
  'InvalidParameterException',
  'UserNotConfirmedException',
]);
/** Cognito's own per-user and per-pool limits. */
const THROTTLED = new Set(['LimitExceededException', 'TooManyRequestsException']);

/**
 * Password reset through Amazon Cognito's ForgotPassword: Cognito looks the hint up as a username
 * alias (the pool signs in with e-mail or phone) and sends its code or link to the address the
 * account has verified, per the pool's AccountRecoverySetting. The hint itself is never a
 * delivery address, so a customer cannot redirect someone else's reset.
 *
 * Every error is swallowed after it is counted: the customer sees the same reply either way, and
 * errors like "no verified e-mail" or "user not confirmed" exist only for real accounts. Turning on
 * the app client's PreventUserExistenceErrors makes Cognito itself answer unknown users as if they
 * existed, which also evens out its latency.
 */
export function createCognitoIdentityProvider(options: CognitoIdentityProviderOptions): IdentityProvider {
  const record = options.record ?? logResetOutcome;
  return {
    async startReset({ accountHint, language }) {
      let outcome: ResetRequestOutcome = 'requested';
      let errorName: string | undefined;
      try {
        await options.client.send(
          new ForgotPasswordCommand({
            ClientId: options.clientId,
            Username: accountHint,
            ...(options.clientSecret
              ? { SecretHash: secretHash(accountHint, options.clientId, options.clientSecret) }
              : {}),
            // Reaches a CustomMessage trigger, which can write the message in the customer's language.
            ClientMetadata: { language },
          }),
        );
      } catch (error) {
        errorName = errorNameOf(error);
        outcome = NO_ACCOUNT.has(errorName)
          ? 'no_account'
          : THROTTLED.has(errorName)
            ? 'throttled'
            : 'failed';
      }
      record('cognito', outcome, errorName);
    },
  };
}

/** Cognito's SecretHash: Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}
