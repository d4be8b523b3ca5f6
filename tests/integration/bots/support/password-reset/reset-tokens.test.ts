import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDemoResetRequest } from '../../../../../bots/support/password-reset/demo-reset-route.ts';
import {
  hashResetToken,
  issueResetToken,
  RESET_LINK_TTL_SECONDS,
  redeemResetToken,
} from '../../../../../bots/support/password-reset/reset-tokens.ts';
import { keys as resetKeys } from '../../../../../shared/store/keys.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../../helpers/embedded-table.ts';
import { at } from './helpers.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

const plusSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

describe('redeemResetToken', () => {
  it('works once: the second redeem says "used"', async () => {
    const issued = at(1);
    const token = await issueResetToken(table, 'acc_demo_emma', issued);
    expect(await redeemResetToken(table, token, plusSeconds(issued, 60))).toBe('ok');
    expect(await redeemResetToken(table, token, plusSeconds(issued, 61))).toBe('used');
    const item = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: resetKeys.resetToken(hashResetToken(token)) }),
    );
    expect(item.Item?.usedAt).toBe(plusSeconds(issued, 60).toISOString());
  });

  it('expires after 30 minutes (the clock is injected)', async () => {
    const issued = at(2);
    const late = await issueResetToken(table, 'acc_demo_ana', issued);
    const inTime = await issueResetToken(table, 'acc_demo_ana', issued);
    expect(await redeemResetToken(table, late, plusSeconds(issued, RESET_LINK_TTL_SECONDS))).toBe('expired');
    expect(await redeemResetToken(table, inTime, plusSeconds(issued, RESET_LINK_TTL_SECONDS - 1))).toBe('ok');
    // An expired token stays unusable: it is not marked used by the failed attempt.
    expect(await redeemResetToken(table, late, plusSeconds(issued, RESET_LINK_TTL_SECONDS + 600))).toBe(
      'expired',
    );
  });

  it('lets exactly one of many simultaneous clicks through', async () => {
    const token = await issueResetToken(table, 'acc_demo_piotr', at(3));
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => redeemResetToken(table, token, at(3, 1))),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(7);
  });

  it('knows nothing of tokens it never issued, well-formed or not', async () => {
    const forged = Buffer.alloc(32, 7).toString('base64url');
    for (const token of [forged, '', 'short', `${forged}x`, "' OR 1=1 --", 'A'.repeat(10_000)]) {
      expect(await redeemResetToken(table, token, at(4))).toBe('unknown');
    }
  });

  it('never accepts the stored hash in place of the token', async () => {
    const token = await issueResetToken(table, 'acc_demo_kasia', at(5));
    expect(await redeemResetToken(table, hashResetToken(token), at(5, 1))).toBe('unknown');
    expect(await redeemResetToken(table, token, at(5, 1))).toBe('ok');
  });
});

describe('handleDemoResetRequest (GET /demo/reset?token=)', () => {
  it('opens the page once, then says only "no longer valid", like for an expired or unknown link', async () => {
    const issued = at(6);
    const token = await issueResetToken(table, 'acc_demo_joao', issued);
    const expiredToken = await issueResetToken(table, 'acc_demo_joao', issued);
    const headers = { acceptLanguage: 'pt-BR,pt;q=0.9' };

    const first = await handleDemoResetRequest(table, { token, ...headers }, plusSeconds(issued, 5));
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Escolha uma nova senha');

    const again = await handleDemoResetRequest(table, { token, ...headers }, plusSeconds(issued, 10));
    const expired = await handleDemoResetRequest(
      table,
      { token: expiredToken, ...headers },
      plusSeconds(issued, RESET_LINK_TTL_SECONDS + 1),
    );
    const unknown = await handleDemoResetRequest(
      table,
      { token: Buffer.alloc(32, 1).toString('base64url'), ...headers },
      issued,
    );
    const missing = await handleDemoResetRequest(table, { token: undefined, ...headers }, issued);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Este link não é mais válido');
    for (const other of [expired, unknown, missing]) expect(other).toEqual(again);
  });
});
