import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { ENV } from '../../../shared/definitions.ts';
import type { TableRef } from '../../../shared/store/dynamo.ts';
import { createCognitoIdentityProvider, type ForgotPasswordClient } from './cognito-identity-provider.ts';
import { createDemoIdentityProvider } from './demo-identity-provider.ts';
import type { IdentityProvider } from './identity-provider.ts';
import { httpMailDelivery } from './mail-delivery.ts';

/** The environment the password-reset flow reads. */
export const PASSWORD_RESET_ENV = {
  /** Set on AWS: the user pool app client customers sign in with (no client secret needed). */
  cognitoClientId: 'COGNITO_USER_POOL_CLIENT_ID',
  /** Set locally instead: the mailbox sandbox base URL, e.g. http://127.0.0.1:3000/sandbox/mailbox. */
  mailboxApiUrl: 'MAILBOX_API_URL',
  /** The demo links point here (/demo/reset?token=…). */
  publicBaseUrl: ENV.publicBaseUrl,
} as const;

/**
 * Picks the identity provider at cold start: Cognito when a user pool client id is configured,
 * otherwise the demo directory delivering through the local mailbox. Neither set is a deployment
 * mistake, reported loudly rather than pretending to send links.
 */
export function identityProviderFromEnv(
  table: TableRef,
  env: NodeJS.ProcessEnv = process.env,
  cognitoClient?: ForgotPasswordClient,
): IdentityProvider {
  const clientId = env[PASSWORD_RESET_ENV.cognitoClientId];
  if (clientId) {
    return createCognitoIdentityProvider({
      client: cognitoClient ?? new CognitoIdentityProviderClient({}),
      clientId,
    });
  }
  const mailboxUrl = env[PASSWORD_RESET_ENV.mailboxApiUrl];
  const publicBaseUrl = env[PASSWORD_RESET_ENV.publicBaseUrl];
  if (mailboxUrl && publicBaseUrl) {
    return createDemoIdentityProvider({ table, delivery: httpMailDelivery(mailboxUrl), publicBaseUrl });
  }
  throw new Error(
    `Password reset needs ${PASSWORD_RESET_ENV.cognitoClientId}, or ${PASSWORD_RESET_ENV.mailboxApiUrl} and ${PASSWORD_RESET_ENV.publicBaseUrl} for the demo provider`,
  );
}
