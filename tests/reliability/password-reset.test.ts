/**
 * Reliability cases 38-40: the password-reset flow over chat, end to end in the local runtime (in
 * process): SMS webhook → worker and the real bot → sender → Twilio sandbox, links to the mailbox.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { DEMO_RESET_PATH } from '../../bots/support/password-reset/demo-identity-provider.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { TABLE } from '../../shared/definitions.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

let runtime: LocalRuntime;
let dataDir: string;
let documents: DynamoDBDocumentClient;
let sequence = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-reset-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    }),
  );
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function smsCustomer(from: string) {
  const phone = () => runtime.sandboxes.twilio.messagesFor(from).map((message) => message.text);
  return {
    async says(body: string): Promise<string[]> {
      const before = phone().length;
      const url = `${runtime.url}/webhooks/sms`;
      const params = {
        MessageSid: `SMreset${++sequence}`,
        AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
        From: from,
        To: '+15017122661',
        Body: body,
        NumMedia: '0',
      };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(response.status).toBe(200);
      await waitFor(() => phone().length > before, 20_000, 'the reply');
      await new Promise((resolve) => setTimeout(resolve, 300));
      return phone().slice(before);
    },
  };
}

async function storedTexts(): Promise<string[]> {
  const result = await documents.send(
    new ScanCommand({
      TableName: TABLE.localName,
      FilterExpression: 'begins_with(sk, :message)',
      ExpressionAttributeValues: { ':message': 'MESSAGE#' },
    }),
  );
  return (result.Items ?? []).map((item) => String(item.text));
}

const linksTo = (address: string) =>
  runtime.mailbox
    .messagesFor(address)
    .map((mail) => /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1])
    .filter((token): token is string => token !== undefined);

describe('reliability: password reset over chat', () => {
  it('case 38: an address with no account gets exactly the same replies as a registered one', async () => {
    const known = smsCustomer('+48603800001');
    const stranger = smsCustomer('+48603800002');
    const knownReplies = [
      ...(await known.says('I forgot my password')),
      ...(await known.says('emma.clarke@example.com')),
    ];
    const strangerReplies = [
      ...(await stranger.says('I forgot my password')),
      ...(await stranger.says('nobody.at.all@example.com')),
    ];

    expect(strangerReplies).toEqual(knownReplies);
    expect(knownReplies[1]).toContain(COPY.en.resetLinkSent);
    await waitFor(() => linksTo('emma.clarke@example.com').length > 0, 10_000, 'the reset mail');
    expect(runtime.mailbox.messagesFor('nobody.at.all@example.com')).toHaveLength(0);
  });

  it('case 39: a pasted password or code is never echoed, never stored in the transcript, and answered with the safe flow', async () => {
    const customer = smsCustomer('+48603900001');
    await customer.says('I forgot my password');
    const replies = [
      ...(await customer.says('my password is Tr0ub4dor&3xyz')),
      ...(await customer.says('the code was 482913')),
    ];

    expect(replies.join(' ')).not.toMatch(/Tr0ub4dor|482913/);
    expect(replies.join(' ')).toContain(COPY.en.neverSharePasswords);
    const stored = await storedTexts();
    expect(stored.some((text) => /Tr0ub4dor|482913/.test(text))).toBe(false);
  });

  it('case 40: a reset link works once; more than 3 requests an hour are refused politely; the account is never locked', async () => {
    const customer = smsCustomer('+48604000001');
    const address = 'emma.clarke@example.com';
    const before = linksTo(address).length;
    const replies: string[] = [];
    for (let request = 0; request < 4; request++) {
      await customer.says('I forgot my password');
      replies.push(...(await customer.says(address)));
    }
    await waitFor(() => linksTo(address).length >= before + 1, 10_000, 'a reset mail');
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(replies.at(-1)).toContain(COPY.en.resetRateLimited);
    expect(linksTo(address).length - before).toBeLessThanOrEqual(3);
    const token = linksTo(address).at(-1) as string;
    const open = () =>
      fetch(`${runtime.url}${DEMO_RESET_PATH}?token=${token}`, { headers: { accept: 'application/json' } });
    const first = await open();
    const second = await open();
    expect(first.status).toBe(200);
    expect(second.status).not.toBe(200);
    const forged = await fetch(`${runtime.url}${DEMO_RESET_PATH}?token=${'A'.repeat(43)}`);
    expect(forged.status).not.toBe(200);
  });
});
