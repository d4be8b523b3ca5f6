import { createHmac } from 'node:crypto';
import {
  CognitoIdentityProviderServiceException,
  ForgotPasswordCommand,
  type ForgotPasswordCommandOutput,
  InvalidParameterException,
  LimitExceededException,
  ResourceNotFoundException,
  TooManyRequestsException,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createCognitoIdentityProvider,
  type ForgotPasswordClient,
  secretHash,
} from '../../../../../bots/support/password-reset/cognito-identity-provider.ts';
import type { ResetRequestOutcome } from '../../../../../bots/support/password-reset/identity-provider.ts';

const CLIENT_ID = '4l1ph4cl13nt1d0000000000ab';
const HINT = 'ana.souza@example.net';
const metadata = { $metadata: {} };

/** A stand-in client that records each command and answers with `reply` (throwing an error object). */
function fakeClient(reply: () => ForgotPasswordCommandOutput | Error) {
  const commands: ForgotPasswordCommand[] = [];
  const client: ForgotPasswordClient = {
    async send(command) {
      commands.push(command);
      const result = reply();
      if (result instanceof Error) throw result;
      return result;
    },
  };
  return { client, commands };
}

function recorder() {
  const calls: { provider: string; outcome: ResetRequestOutcome; errorName?: string }[] = [];
  return {
    calls,
    record: (provider: string, outcome: ResetRequestOutcome, errorName?: string) => {
      calls.push({ provider, outcome, ...(errorName ? { errorName } : {}) });
    },
  };
}

const delivered: ForgotPasswordCommandOutput = {
  CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e***', AttributeName: 'email' },
  ...metadata,
};

describe('createCognitoIdentityProvider', () => {
  it('calls ForgotPassword with the app client id, the hint as username and the language', async () => {
    const { client, commands } = fakeClient(() => delivered);
    const { calls, record } = recorder();
    await createCognitoIdentityProvider({ client, clientId: CLIENT_ID, record }).startReset({
      accountHint: HINT,
      language: 'pt',
    });
    expect(commands).toHaveLength(1);
    expect(commands[0]).toBeInstanceOf(ForgotPasswordCommand);
    expect(commands[0]?.input).toEqual({
      ClientId: CLIENT_ID,
      Username: HINT,
      ClientMetadata: { language: 'pt' },
    });
    expect(calls).toEqual([{ provider: 'cognito', outcome: 'requested' }]);
  });

  it('adds the SecretHash Cognito requires for an app client with a secret', async () => {
    const { client, commands } = fakeClient(() => delivered);
    const clientSecret = 's3cr3t';
    await createCognitoIdentityProvider({
      client,
      clientId: CLIENT_ID,
      clientSecret,
      record: () => {},
    }).startReset({ accountHint: HINT, language: 'en' });
    const expected = createHmac('sha256', clientSecret).update(`${HINT}${CLIENT_ID}`).digest('base64');
    expect(commands[0]?.input.SecretHash).toBe(expected);
    expect(secretHash(HINT, CLIENT_ID, clientSecret)).toBe(expected);
  });

  it.each([
    [
      new UserNotFoundException({ message: 'Username/client id combination not found.', ...metadata }),
      'no_account',
    ],
    [
      new InvalidParameterException({
        message:
          'Cannot reset password for the user as there is no registered/verified email or phone_number',
        ...metadata,
      }),
      'no_account',
    ],
    [new LimitExceededException({ message: 'Attempt limit exceeded', ...metadata }), 'throttled'],
    [new TooManyRequestsException({ message: 'Too many requests', ...metadata }), 'throttled'],
    [new ResourceNotFoundException({ message: 'User pool client does not exist', ...metadata }), 'failed'],
    [
      new CognitoIdentityProviderServiceException({
        name: 'UserNotConfirmedException',
        $fault: 'client',
        message: 'User is not confirmed.',
        ...metadata,
      }),
      'no_account',
    ],
    [new TypeError('fetch failed'), 'failed'],
  ] as const)('swallows %s, counting it as %s', async (error, outcome) => {
    const { client } = fakeClient(() => error);
    const { calls, record } = recorder();
    const provider = createCognitoIdentityProvider({ client, clientId: CLIENT_ID, record });
    await expect(provider.startReset({ accountHint: HINT, language: 'en' })).resolves.toBeUndefined();
    expect(calls).toEqual([{ provider: 'cognito', outcome, errorName: error.name }]);
  });

  it('resolves the same way for an existing and an unknown user, and never records the hint', async () => {
    const results = [];
    for (const reply of [
      () => delivered,
      () => new UserNotFoundException({ message: 'not found', ...metadata }),
    ]) {
      const { client } = fakeClient(reply);
      const { calls, record } = recorder();
      results.push(
        await createCognitoIdentityProvider({ client, clientId: CLIENT_ID, record }).startReset({
          accountHint: HINT,
          language: 'en',
        }),
      );
      expect(JSON.stringify(calls)).not.toContain('ana');
    }
    expect(results[0]).toEqual(results[1]);
  });
});
