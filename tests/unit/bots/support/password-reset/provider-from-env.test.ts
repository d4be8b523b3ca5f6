import type { ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  identityProviderFromEnv,
  PASSWORD_RESET_ENV,
} from '../../../../../bots/support/password-reset/provider-from-env.ts';
import type { TableRef } from '../../../../../shared/store/dynamo.ts';

const table = { tableName: 'unused' } as unknown as TableRef;

describe('identityProviderFromEnv', () => {
  it('uses Cognito when COGNITO_USER_POOL_CLIENT_ID is set', async () => {
    const sent: ForgotPasswordCommand[] = [];
    const provider = identityProviderFromEnv(
      table,
      { [PASSWORD_RESET_ENV.cognitoClientId]: 'client-1' },
      {
        send: async (command) => {
          sent.push(command);
          return { $metadata: {} };
        },
      },
    );
    await provider.startReset({ accountHint: 'a@example.com', language: 'en' });
    expect(sent.map((command) => command.input.ClientId)).toEqual(['client-1']);
  });

  it('uses the demo directory locally, and refuses to start with neither configured', () => {
    expect(
      identityProviderFromEnv(table, {
        [PASSWORD_RESET_ENV.mailboxApiUrl]: 'http://127.0.0.1:1/sandbox/mailbox',
        [PASSWORD_RESET_ENV.publicBaseUrl]: 'http://127.0.0.1:1',
      }),
    ).toHaveProperty('startReset');
    expect(() => identityProviderFromEnv(table, {})).toThrow(/COGNITO_USER_POOL_CLIENT_ID/);
    expect(PASSWORD_RESET_ENV).toEqual({
      cognitoClientId: 'COGNITO_USER_POOL_CLIENT_ID',
      mailboxApiUrl: 'MAILBOX_API_URL',
      publicBaseUrl: 'PUBLIC_BASE_URL',
    });
  });
});
