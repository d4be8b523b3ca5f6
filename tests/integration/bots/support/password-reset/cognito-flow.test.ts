import {
  type ForgotPasswordCommand,
  type ForgotPasswordCommandOutput,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCognitoIdentityProvider,
  type ForgotPasswordClient,
} from '../../../../../bots/support/password-reset/cognito-identity-provider.ts';
import type { ResetRequestOutcome } from '../../../../../bots/support/password-reset/identity-provider.ts';
import { startPasswordReset } from '../../../../../bots/support/password-reset/start-password-reset.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../../helpers/embedded-table.ts';
import { at } from './helpers.ts';

const CLIENT_ID = 'alpha-customers-app-client';
const REGISTERED = new Set(['ana.souza@example.net', '+447700900202']);

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

/** Behaves like a user pool without PreventUserExistenceErrors: unknown users raise UserNotFoundException. */
function fakeUserPool() {
  const commands: ForgotPasswordCommand[] = [];
  const client: ForgotPasswordClient = {
    async send(command): Promise<ForgotPasswordCommandOutput> {
      commands.push(command);
      if (!REGISTERED.has(command.input.Username ?? '')) {
        throw new UserNotFoundException({
          message: 'Username/client id combination not found.',
          $metadata: {},
        });
      }
      return {
        CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', AttributeName: 'email', Destination: 'a***@e***' },
        $metadata: { httpStatusCode: 200 },
      };
    },
  };
  return { client, commands };
}

describe('startPasswordReset with Amazon Cognito', () => {
  it('calls ForgotPassword with the client id and the normalised hint, and swallows UserNotFoundException', async () => {
    const pool = fakeUserPool();
    const recorded: ResetRequestOutcome[] = [];
    const provider = createCognitoIdentityProvider({
      client: pool.client,
      clientId: CLIENT_ID,
      record: (_provider, outcome) => recorded.push(outcome),
    });
    const run = (senderKey: string, accountHint: string) =>
      startPasswordReset({
        table,
        provider,
        now: at(1),
        senderKey,
        accountHint,
        language: 'pl',
        minDurationMs: 0,
        jitterMs: 0,
      });

    const known = await run('c-1', ' Ana.Souza@Example.net');
    const unknown = await run('c-2', 'nobody@example.com');
    const knownPhone = await run('c-3', '+44 7700 900 202');

    expect([known, unknown, knownPhone]).toEqual([
      { outcome: 'sent' },
      { outcome: 'sent' },
      { outcome: 'sent' },
    ]);
    expect(pool.commands.map((command) => command.input)).toEqual([
      { ClientId: CLIENT_ID, Username: 'ana.souza@example.net', ClientMetadata: { language: 'pl' } },
      { ClientId: CLIENT_ID, Username: 'nobody@example.com', ClientMetadata: { language: 'pl' } },
      { ClientId: CLIENT_ID, Username: '+447700900202', ClientMetadata: { language: 'pl' } },
    ]);
    expect(recorded).toEqual(['requested', 'no_account', 'requested']);
  });

  it('does not call Cognito at all once the account hint is over its limit', async () => {
    const pool = fakeUserPool();
    const provider = createCognitoIdentityProvider({
      client: pool.client,
      clientId: CLIENT_ID,
      record: () => {},
    });
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(
        (
          await startPasswordReset({
            table,
            provider,
            now: at(2),
            senderKey: `d-${i}`,
            accountHint: 'ana.souza@example.net',
            language: 'en',
            minDurationMs: 0,
            jitterMs: 0,
          })
        ).outcome,
      );
    }
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
    expect(pool.commands).toHaveLength(3);
  });
});
