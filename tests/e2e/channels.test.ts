import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { whatsappSandboxFailures } from '../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { twilioErrorReply } from '../../infra/local/sandbox/twilio-sandbox.ts';
import { signMessengerBody } from '../../shared/channels/messenger/verify.ts';
import { signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { signWhatsappBody } from '../../shared/channels/whatsapp/verify.ts';
import { TABLE } from '../../shared/definitions.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

let runtime: LocalRuntime;
let dataDir: string;
let table: DynamoDBDocumentClient;
const PHONE_NUMBER_ID = '106540352242922';
const PAGE_ID = '1357924680';
const OUR_SMS_NUMBER = '+15017122661';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-channels-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  table = DynamoDBDocumentClient.from(
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

const settle = () => new Promise((resolve) => setTimeout(resolve, 800));

async function postJson(path: string, body: object, signature: (raw: string) => string) {
  const raw = JSON.stringify(body);
  return fetch(`${runtime.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(raw) },
    body: raw,
  });
}

async function postTwilio(params: Record<string, string>) {
  const url = `${runtime.url}/webhooks/sms`;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(LOCAL_DEFAULTS.TWILIO_AUTH_TOKEN, url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
}

function whatsappText(waId: string, wamid: string, text: string) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              contacts: [{ profile: { name: 'Ana' }, wa_id: waId }],
              messages: [
                { from: waId, id: wamid, timestamp: '1764115200', type: 'text', text: { body: text } },
              ],
            },
          },
        ],
      },
    ],
  };
}

function whatsappStatus(waId: string, wamid: string, status: string, timestamp: number) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
              statuses: [{ id: wamid, status, timestamp: String(timestamp), recipient_id: waId }],
            },
          },
        ],
      },
    ],
  };
}

function messengerText(psid: string, mid: string, text: string) {
  return {
    object: 'page',
    entry: [
      {
        id: PAGE_ID,
        time: 1764115200000,
        messaging: [
          {
            sender: { id: psid },
            recipient: { id: PAGE_ID },
            timestamp: 1764115200000,
            message: { mid, text },
          },
        ],
      },
    ],
  };
}

const whatsappSignature = (raw: string) => signWhatsappBody(raw, LOCAL_DEFAULTS.WHATSAPP_APP_SECRET);
const messengerSignature = (raw: string) => signMessengerBody(raw, LOCAL_DEFAULTS.MESSENGER_APP_SECRET);

async function storedStatusOfProviderMessage(providerMessageId: string): Promise<string | undefined> {
  const result = await table.send(
    new ScanCommand({
      TableName: TABLE.localName,
      FilterExpression: 'providerMessageId = :id',
      ExpressionAttributeValues: { ':id': providerMessageId },
    }),
  );
  return result.Items?.[0]?.status as string | undefined;
}

describe('every channel end to end through the local runtime and the platform sandboxes', () => {
  it('answers a WhatsApp text once, with reply buttons, and marks the message read', async () => {
    const response = await postJson(
      '/webhooks/whatsapp',
      whatsappText('5511999990001', 'wamid.in-1', 'oi'),
      whatsappSignature,
    );

    expect(response.status).toBe(200);
    await waitFor(
      () => runtime.sandboxes.whatsapp.messagesFor('5511999990001').length > 0,
      20_000,
      'the WhatsApp reply',
    );
    await settle();
    const replies = runtime.sandboxes.whatsapp.messagesFor('5511999990001');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ phoneNumberId: PHONE_NUMBER_ID, kind: 'interactive' });
    expect(replies[0]?.buttons.map((button) => button.id)).toEqual([
      'menu:password_reset',
      'menu:order_status',
      'menu:human_agent',
    ]);
    expect(runtime.sandboxes.whatsapp.readReceipts.map((receipt) => receipt.messageId)).toContain(
      'wamid.in-1',
    );
  });

  it('answers a Messenger text once, with quick replies, as the Page that received it', async () => {
    const response = await postJson(
      '/webhooks/messenger',
      messengerText('24680001', 'm_in-1', 'hello'),
      messengerSignature,
    );

    expect(response.status).toBe(200);
    await waitFor(
      () => runtime.sandboxes.messenger.messagesFor('24680001').length > 0,
      20_000,
      'the Messenger reply',
    );
    await settle();
    const replies = runtime.sandboxes.messenger.messagesFor('24680001');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.messagingType).toBe('RESPONSE');
    expect(replies[0]?.quickReplies.map((reply) => reply.payload)).toEqual([
      'menu:password_reset',
      'menu:order_status',
      'menu:human_agent',
    ]);
  });

  it('answers an SMS once with a numbered list, with TwiML to Twilio and a status callback on the send', async () => {
    const response = await postTwilio({
      MessageSid: 'SMin0001',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100200',
      To: OUR_SMS_NUMBER,
      Body: 'czesc',
      NumMedia: '0',
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('xml');
    await waitFor(
      () => runtime.sandboxes.twilio.messagesFor('+48600100200').length > 0,
      20_000,
      'the SMS reply',
    );
    await settle();
    const replies = runtime.sandboxes.twilio.messagesFor('+48600100200');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.from).toBe(OUR_SMS_NUMBER);
    // Status reports come to our webhook, with our tag for the message in the query string.
    expect(replies[0]?.statusCallback?.startsWith(`${runtime.url}/webhooks/sms?ref=omni1%3A`)).toBe(true);
    expect(replies[0]?.text).toMatch(/1\. .+\n2\. .+\n3\. /);

    // The customer answers "3" (talk to a person): the numbered choice works like a button.
    await postTwilio({
      MessageSid: 'SMin0002',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100200',
      To: OUR_SMS_NUMBER,
      Body: '3',
      NumMedia: '0',
    });
    await waitFor(
      () => runtime.sandboxes.twilio.messagesFor('+48600100200').length === 2,
      20_000,
      'the handoff notice',
    );
    expect(runtime.sandboxes.twilio.messagesFor('+48600100200')[1]?.text).toMatch(
      /person|pessoa|konsultant/i,
    );
  });

  it("rejects each channel's request signed with the wrong secret with 401", async () => {
    const wrong = () => 'sha256=0000000000000000000000000000000000000000000000000000000000000000';
    expect(
      (await postJson('/webhooks/whatsapp', whatsappText('5511999990009', 'wamid.x', 'hi'), wrong)).status,
    ).toBe(401);
    expect(
      (await postJson('/webhooks/messenger', messengerText('24680009', 'm_x', 'hi'), wrong)).status,
    ).toBe(401);
    const tampered = await fetch(`${runtime.url}/webhooks/sms`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      body: 'MessageSid=SMx&From=%2B48600100299&To=%2B15017122661&Body=hi',
    });
    expect(tampered.status).toBe(401);
    await settle();
    expect(runtime.sandboxes.whatsapp.messagesFor('5511999990009')).toHaveLength(0);
    expect(runtime.sandboxes.twilio.messagesFor('+48600100299')).toHaveLength(0);
  });

  it("answers Meta's subscription handshake with the challenge, and refuses a wrong verify token", async () => {
    const ok = await fetch(
      `${runtime.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${LOCAL_DEFAULTS.WHATSAPP_VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const refused = await fetch(
      `${runtime.url}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=42`,
    );
    expect(refused.status).toBe(403);
  });

  it('moves a stored reply forward with the statuses the platforms report, never back', async () => {
    await postJson(
      '/webhooks/whatsapp',
      whatsappText('5511999990002', 'wamid.in-2', 'ola'),
      whatsappSignature,
    );
    await waitFor(
      () => runtime.sandboxes.whatsapp.messagesFor('5511999990002').length === 1,
      20_000,
      'the reply',
    );
    const wamid = runtime.sandboxes.whatsapp.messagesFor('5511999990002')[0]?.messageId as string;
    await waitFor(
      async () => (await storedStatusOfProviderMessage(wamid)) === 'sent',
      10_000,
      'the sent status',
    );

    for (const status of ['delivered', 'read', 'delivered']) {
      await postJson(
        '/webhooks/whatsapp',
        whatsappStatus('5511999990002', wamid, status, 1764115300),
        whatsappSignature,
      );
    }
    await waitFor(async () => (await storedStatusOfProviderMessage(wamid)) === 'read', 10_000, 'read');
    await settle();
    expect(await storedStatusOfProviderMessage(wamid)).toBe('read');

    const sms = runtime.sandboxes.twilio.messagesFor('+48600100200')[0];
    await postTwilio({
      MessageSid: sms?.sid as string,
      MessageStatus: 'delivered',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: OUR_SMS_NUMBER,
      To: '+48600100200',
    });
    await waitFor(
      async () => (await storedStatusOfProviderMessage(sms?.sid as string)) === 'delivered',
      10_000,
      'the SMS delivered status',
    );
  });

  it('marks Messenger replies read from a read watermark', async () => {
    await postJson('/webhooks/messenger', messengerText('24680002', 'm_in-2', 'hello'), messengerSignature);
    await waitFor(
      () => runtime.sandboxes.messenger.messagesFor('24680002').length === 1,
      20_000,
      'the reply',
    );
    const mid = runtime.sandboxes.messenger.messagesFor('24680002')[0]?.messageId as string;
    await waitFor(async () => (await storedStatusOfProviderMessage(mid)) === 'sent', 10_000, 'sent');

    const watermark = Date.now() + 1000;
    await postJson(
      '/webhooks/messenger',
      {
        object: 'page',
        entry: [
          {
            id: PAGE_ID,
            time: watermark,
            messaging: [
              {
                sender: { id: '24680002' },
                recipient: { id: PAGE_ID },
                timestamp: watermark,
                read: { watermark },
              },
            ],
          },
        ],
      },
      messengerSignature,
    );
    await waitFor(
      async () => (await storedStatusOfProviderMessage(mid)) === 'read',
      10_000,
      'read from the watermark',
    );
  });

  it('sends nothing to a number after STOP until START, and answers HELP', async () => {
    const from = '+48600100777';
    const sms = (sid: string, body: string) =>
      postTwilio({
        MessageSid: sid,
        AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
        From: from,
        To: OUR_SMS_NUMBER,
        Body: body,
        NumMedia: '0',
      });
    await sms('SMstop01', 'STOP');
    await sms('SMstop02', 'hello?');
    await settle();
    await settle();
    expect(runtime.sandboxes.twilio.messagesFor(from)).toHaveLength(0);

    await sms('SMstop03', 'HELP');
    await waitFor(() => runtime.sandboxes.twilio.messagesFor(from).length === 1, 20_000, 'the help text');
    expect(runtime.sandboxes.twilio.messagesFor(from)[0]?.text).toMatch(/STOP/);

    await sms('SMstop04', 'START');
    await sms('SMstop05', 'hello');
    await waitFor(
      () => runtime.sandboxes.twilio.messagesFor(from).length === 2,
      20_000,
      'a reply after START',
    );
    expect(runtime.sandboxes.twilio.messagesFor(from)[1]?.text).toMatch(/1\. /);
  });

  it('delivers exactly one reply when the platform first answers 429', async () => {
    runtime.sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.throughput());
    runtime.sandboxes.twilio.injectFailures(twilioErrorReply(429, 20429, 'Too Many Requests'));

    await postJson(
      '/webhooks/whatsapp',
      whatsappText('5511999990003', 'wamid.in-3', 'hello'),
      whatsappSignature,
    );
    await postTwilio({
      MessageSid: 'SMin0003',
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: '+48600100203',
      To: OUR_SMS_NUMBER,
      Body: 'hello',
      NumMedia: '0',
    });

    await waitFor(
      () => runtime.sandboxes.whatsapp.messagesFor('5511999990003').length > 0,
      30_000,
      'the WhatsApp reply after the throttle',
    );
    await waitFor(
      () => runtime.sandboxes.twilio.messagesFor('+48600100203').length > 0,
      30_000,
      'the SMS reply after the throttle',
    );
    await settle();
    expect(runtime.sandboxes.whatsapp.messagesFor('5511999990003')).toHaveLength(1);
    expect(runtime.sandboxes.twilio.messagesFor('+48600100203')).toHaveLength(1);
    const wamid = runtime.sandboxes.whatsapp.messagesFor('5511999990003')[0]?.messageId as string;
    await postJson(
      '/webhooks/whatsapp',
      whatsappStatus('5511999990003', wamid, 'delivered', 1764115400),
      whatsappSignature,
    );
    await waitFor(
      async () => (await storedStatusOfProviderMessage(wamid)) === 'delivered',
      10_000,
      'delivered',
    );
  });
});
