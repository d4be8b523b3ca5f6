import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoIdentityProvider } from '../../../../../bots/support/password-reset/demo-identity-provider.ts';
import { takeToken } from '../../../../../bots/support/password-reset/rate-limit.ts';
import { startPasswordReset } from '../../../../../bots/support/password-reset/start-password-reset.ts';
import { Mailbox } from '../../../../../infra/local/sandbox/mailbox.ts';
import { keys as resetKeys } from '../../../../../shared/store/keys.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../../helpers/embedded-table.ts';
import { at, spying } from './helpers.ts';

let table: EmbeddedTable;
let mailbox: Mailbox;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
beforeEach(() => {
  mailbox = new Mailbox();
});

function resetter(now: Date) {
  const spy = spying(
    createDemoIdentityProvider({
      table,
      delivery: mailbox,
      publicBaseUrl: 'http://127.0.0.1:3000',
      now: () => now,
      record: () => {},
    }),
  );
  const request = (senderKey: string, accountHint: string) =>
    startPasswordReset({
      table,
      provider: spy.provider,
      now,
      senderKey,
      accountHint,
      language: 'en',
      minDurationMs: 0,
      jitterMs: 0,
    });
  return { request, calls: spy.calls };
}

describe('takeToken', () => {
  it('allows `limit` requests in a window, refuses the next with the seconds left, and resets in the next window', async () => {
    const limit = { limit: 2, windowSeconds: 60 };
    const start = at(1, 0, 0);
    expect(await takeToken(table, 'bucket-a', limit, start)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await takeToken(table, 'bucket-a', limit, at(1, 0, 10))).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
    expect(await takeToken(table, 'bucket-a', limit, at(1, 0, 45))).toEqual({
      allowed: false,
      retryAfterSeconds: 15,
    });
    expect(await takeToken(table, 'bucket-a', limit, at(1, 0, 59))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect(await takeToken(table, 'bucket-a', limit, at(1, 1, 0))).toEqual({
      allowed: true,
      retryAfterSeconds: 0,
    });
    // Another key has its own budget.
    expect((await takeToken(table, 'bucket-b', limit, at(1, 0, 50))).allowed).toBe(true);
  });

  it('writes nothing for a refused request, and expires the window item at its end', async () => {
    const limit = { limit: 1, windowSeconds: 3600 };
    const now = at(2, 30);
    await takeToken(table, 'bucket-c', limit, now);
    for (let i = 0; i < 3; i++) expect((await takeToken(table, 'bucket-c', limit, now)).allowed).toBe(false);
    const windowStart = Math.floor(at(2).getTime() / 1000);
    const item = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: resetKeys.rateLimitWindow('bucket-c', windowStart) }),
    );
    expect(item.Item).toMatchObject({ count: 1, expiresAt: windowStart + 3600 });
  });

  it('stays exact under concurrency: 10 simultaneous requests, 3 allowed', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => takeToken(table, 'bucket-d', { limit: 3, windowSeconds: 60 }, at(3))),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
  });

  it('refuses a nonsensical limit', async () => {
    await expect(takeToken(table, 'bucket-e', { limit: 0, windowSeconds: 60 }, at(4))).rejects.toThrow();
    await expect(takeToken(table, 'bucket-e', { limit: 1, windowSeconds: 0.5 }, at(4))).rejects.toThrow();
  });
});

describe('startPasswordReset rate limits', () => {
  it('per sender: the 4th request in the hour is refused before the provider is called', async () => {
    const { request, calls } = resetter(at(5, 10));
    const outcomes = [];
    for (const hint of ['a1@example.com', 'a2@example.com', 'a3@example.com', 'a4@example.com']) {
      outcomes.push(await request('sender-1', hint));
    }
    expect(outcomes.map((result) => result.outcome)).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
    expect(outcomes[3]).toEqual({ outcome: 'rate_limited', retryAfterSeconds: 50 * 60 });
    expect(calls.map((call) => call.accountHint)).toEqual([
      'a1@example.com',
      'a2@example.com',
      'a3@example.com',
    ]);
    // The next hour's window allows again.
    expect(await resetter(at(6, 0)).request('sender-1', 'a4@example.com')).toEqual({ outcome: 'sent' });
  });

  it('per account: the 4th request for one e-mail is refused even from new senders, typed any way', async () => {
    const { request, calls } = resetter(at(7, 5));
    const hints = [
      'emma.clarke@example.com',
      'Emma.Clarke@example.com',
      ' EMMA.CLARKE@EXAMPLE.COM',
      'emma.clarke@example.com',
    ];
    const outcomes = [];
    for (const [i, hint] of hints.entries()) outcomes.push((await request(`sender-${i}`, hint)).outcome);
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'rate_limited']);
    expect(calls).toHaveLength(3);
    expect(mailbox.messagesFor('emma.clarke@example.com')).toHaveLength(3);
  });

  it('refuses a known and an unknown account alike, so the limit reveals nothing either', async () => {
    const outcomes: Record<string, string[]> = {};
    for (const hint of ['+447700900303', '+447700900999']) {
      const { request } = resetter(at(8, 20));
      outcomes[hint] = [];
      for (let i = 0; i < 5; i++) outcomes[hint].push((await request(`s-${hint}-${i}`, hint)).outcome);
    }
    expect(outcomes['+447700900303']).toEqual(['sent', 'sent', 'sent', 'rate_limited', 'rate_limited']);
    expect(outcomes['+447700900999']).toEqual(outcomes['+447700900303']);
  });

  it('a sender over its limit does not use up the account budget of the hint it sends', async () => {
    const { request } = resetter(at(9, 0));
    for (const hint of ['b1@example.com', 'b2@example.com', 'b3@example.com']) await request('noisy', hint);
    for (let i = 0; i < 5; i++)
      expect((await request('noisy', 'victim@example.com')).outcome).toBe('rate_limited');
    expect((await request('victim-themselves', 'victim@example.com')).outcome).toBe('sent');
  });
});
