import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../../../../bots/support/password-reset/demo-accounts.ts';
import {
  createDemoIdentityProvider,
  findDemoAccount,
} from '../../../../../bots/support/password-reset/demo-identity-provider.ts';
import type { IdentityProvider } from '../../../../../bots/support/password-reset/identity-provider.ts';
import {
  hashResetToken,
  RESET_LINK_TTL_SECONDS,
} from '../../../../../bots/support/password-reset/reset-tokens.ts';
import {
  type StartPasswordResetInput,
  startPasswordReset,
} from '../../../../../bots/support/password-reset/start-password-reset.ts';
import { Mailbox } from '../../../../../infra/local/sandbox/mailbox.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../../helpers/embedded-table.ts';
import { at, lastTokenFor, simulatedTiming } from './helpers.ts';

const BASE_URL = 'https://support.alpha.example';
const EMMA = { email: 'emma.clarke@example.com', phone: '+447700900101' };
const LIAM_PHONE = '+12025550142';
const UNREGISTERED = 'emma.clarke@example.net';

let table: EmbeddedTable;
let mailbox: Mailbox;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
beforeEach(() => {
  mailbox = new Mailbox();
});

function demoProvider(now: Date): IdentityProvider {
  return createDemoIdentityProvider({
    table,
    delivery: mailbox,
    publicBaseUrl: BASE_URL,
    now: () => now,
    record: () => {},
  });
}

/** A reset with no padding, so tests that are not about timing run fast. */
function reset(
  input: Pick<StartPasswordResetInput, 'now' | 'senderKey' | 'accountHint'> &
    Partial<StartPasswordResetInput>,
) {
  return startPasswordReset({
    table,
    provider: demoProvider(input.now),
    language: 'en',
    minDurationMs: 0,
    jitterMs: 0,
    ...input,
  });
}

async function scanAll(): Promise<Record<string, unknown>[]> {
  return (await table.client.send(new ScanCommand({ TableName: table.tableName }))).Items ?? [];
}

describe('startPasswordReset: the same answer whether or not the account exists', () => {
  it('replies "sent" for a known and an unknown account, and only the known one gets a link', async () => {
    const now = at(1);
    const known = await reset({ now, senderKey: 'customer-known', accountHint: EMMA.email });
    const unknown = await reset({ now, senderKey: 'customer-unknown', accountHint: 'nobody@example.com' });
    expect(known).toEqual({ outcome: 'sent' });
    expect(unknown).toEqual(known);
    expect(mailbox.allMessages().map((message) => message.to)).toEqual([EMMA.email]);
  });

  it('pads both to the same duration, whatever the provider cost (simulated clock)', async () => {
    const now = at(2);
    const totals: number[] = [];
    for (const hint of [EMMA.email, 'nobody@example.com']) {
      const clock = simulatedTiming(37);
      const demo = demoProvider(now);
      // A known account costs a token and a message; an unknown one almost nothing.
      const provider: IdentityProvider = {
        async startReset(input) {
          await demo.startReset(input);
          clock.advance(findDemoAccount(DEMO_ACCOUNTS, input.accountHint) ? 180 : 4);
        },
      };
      const result = await startPasswordReset({
        table,
        provider,
        now,
        senderKey: `timing-${hint}`,
        accountHint: hint,
        language: 'en',
        timing: clock.timing,
      });
      expect(result).toEqual({ outcome: 'sent' });
      totals.push(clock.read());
    }
    expect(totals).toEqual([400 + 37, 400 + 37]);
  });

  it('never answers sooner than the floor with the real clock, known or unknown', async () => {
    const now = at(3);
    for (const hint of [EMMA.phone, '+447700900999']) {
      const started = performance.now();
      await reset({ now, senderKey: `floor-${hint}`, accountHint: hint, minDurationMs: 150, jitterMs: 20 });
      // The floor only; no upper bound, which would depend on the machine's load.
      expect(performance.now() - started).toBeGreaterThanOrEqual(150);
    }
  });

  it('does not sleep when the provider alone already took longer than the floor', async () => {
    const clock = simulatedTiming(0);
    const provider: IdentityProvider = { startReset: async () => clock.advance(900) };
    await startPasswordReset({
      table,
      provider,
      now: at(4),
      senderKey: 'slow-provider',
      accountHint: 'slow@example.com',
      language: 'en',
      timing: clock.timing,
    });
    expect(clock.sleeps).toEqual([]);
  });

  it('still replies "sent" if a provider breaks its promise and throws', async () => {
    const provider: IdentityProvider = {
      startReset: async () => {
        throw new Error('boom');
      },
    };
    expect(
      await reset({ now: at(5), senderKey: 'throwing', accountHint: 'x@example.com', provider }),
    ).toEqual({ outcome: 'sent' });
  });
});

describe('the link goes only to the address on the account', () => {
  it('sends to the registered e-mail when the customer typed the registered phone', async () => {
    await reset({ now: at(6), senderKey: 'by-phone', accountHint: '+44 7700 900 101' });
    expect(mailbox.messagesFor(EMMA.email)).toHaveLength(1);
    expect(mailbox.messagesFor(EMMA.phone)).toHaveLength(0);
    expect(mailbox.messagesFor(EMMA.email)[0]?.text).toContain(`${BASE_URL}/demo/reset?token=`);
  });

  it('sends nothing at all for an address that is not registered, even one close to a real account', async () => {
    await reset({ now: at(7), senderKey: 'typo', accountHint: UNREGISTERED });
    await reset({ now: at(7), senderKey: 'typo-2', accountHint: '+447700900102' });
    expect(mailbox.allMessages()).toEqual([]);
  });

  it('texts the phone of an account that has no e-mail, in the customer language', async () => {
    await reset({ now: at(8), senderKey: 'liam', accountHint: LIAM_PHONE, language: 'pl' });
    const [sms] = mailbox.messagesFor(LIAM_PHONE);
    expect(sms?.text).toMatch(/^Alpha: link do zmiany hasla/);
    expect(mailbox.allMessages()).toHaveLength(1);
  });
});

describe('what the table keeps', () => {
  it('stores the token only as its SHA-256 hash, with the account id and a 30-minute expiry', async () => {
    const now = at(9);
    await reset({ now, senderKey: 'storage', accountHint: EMMA.email });
    const token = lastTokenFor(mailbox, EMMA.email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const items = await scanAll();
    const everything = JSON.stringify(items);
    expect(everything).not.toContain(token);
    const stored = items.find((item) => item.pk === `RESETTOKEN#${hashResetToken(token as string)}`);
    expect(stored).toEqual({
      pk: `RESETTOKEN#${hashResetToken(token as string)}`,
      sk: 'RESETTOKEN',
      account: 'acc_demo_emma',
      createdAt: now.toISOString(),
      expiresAt: Math.floor(now.getTime() / 1000) + RESET_LINK_TTL_SECONDS,
    });
  });

  it('holds no e-mail, phone or sender key anywhere, rate-limit items included', async () => {
    await reset({ now: at(10), senderKey: 'sms:+15558675310:+15017122661', accountHint: EMMA.phone });
    await reset({ now: at(10), senderKey: 'telegram:bot:424242', accountHint: UNREGISTERED });
    const everything = JSON.stringify(await scanAll()).toLowerCase();
    for (const secret of ['emma.clarke', 'example.', '7700900', '5017122661', '5558675310', '424242']) {
      expect(everything).not.toContain(secret);
    }
  });
});
