import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { whatsappSandboxFailures } from '../../../../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import {
  createPlatformSandboxes,
  type PlatformSandboxes,
  SANDBOX_PATHS,
  type SandboxCredentials,
} from '../../../../../infra/local/sandbox/platform-sandboxes.ts';
import type { StatusCallbackOptions } from '../../../../../infra/local/sandbox/status-callbacks.ts';
import { LOCAL_BUSINESS } from '../../../../../infra/local/simulator/platform-webhooks.ts';
import { parseMessengerWebhook } from '../../../../../shared/channels/messenger/parse.ts';
import { isAuthenticMetaRequest } from '../../../../../shared/channels/meta/signature.ts';
import { parseTwilioWebhook } from '../../../../../shared/channels/sms/parse.ts';
import { isAuthenticTwilioRequest } from '../../../../../shared/channels/sms/verify.ts';
import { parseWhatsappWebhook } from '../../../../../shared/channels/whatsapp/parse.ts';

const CREDENTIALS: SandboxCredentials = {
  telegramBotToken: '123:telegram',
  whatsappAccessToken: 'EAAwhatsapp',
  messengerPageAccessToken: 'EAApage',
  twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
  twilioAuthToken: 'twilio-auth-token',
};
const WHATSAPP_APP_SECRET = 'whatsapp-app-secret';
const MESSENGER_APP_SECRET = 'messenger-app-secret';
const PHONE_NUMBER_ID = '106540352242922';
const REFERENCE = 'omni1:conversation-1:message-1';

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

const servers: Server[] = [];
const sandboxSets: PlatformSandboxes[] = [];
afterEach(async () => {
  await Promise.all(sandboxSets.splice(0).map((sandboxes) => sandboxes.close()));
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    }),
  );
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Our runtime's webhook routes, reduced to recording what arrives; it refuses the first `refuse`. */
async function startRuntime(refuse = 0): Promise<{ url: string; received: Received[]; refused: number }> {
  const state = { url: '', received: [] as Received[], refused: 0 };
  state.url = await listen(
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (state.refused < refuse) {
          state.refused += 1;
          response.writeHead(503).end();
          return;
        }
        state.received.push({
          path: request.url ?? '',
          headers: request.headers,
          rawBody: Buffer.concat(chunks),
        });
        response.writeHead(200).end();
      });
    }),
  );
  return state;
}

/** The sandboxes served over HTTP the way scripts/load.ts serves them. */
async function startPlatforms(
  statusCallbacks?: StatusCallbackOptions,
): Promise<{ sandboxes: PlatformSandboxes; url: string }> {
  const sandboxes = createPlatformSandboxes(
    CREDENTIALS,
    undefined,
    statusCallbacks ? { statusCallbacks } : undefined,
  );
  sandboxSets.push(sandboxes);
  const url = await listen(
    createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const listener = sandboxes.listenerFor((request.url ?? '/').split('?')[0] ?? '/');
        if (!listener) return void response.writeHead(404).end();
        void listener(request, response, Buffer.concat(chunks));
      });
    }),
  );
  return { sandboxes, url };
}

const callbackOptions = (runtimeUrl: string): StatusCallbackOptions => ({
  webhookBaseUrl: runtimeUrl,
  whatsappAppSecret: WHATSAPP_APP_SECRET,
  messengerAppSecret: MESSENGER_APP_SECRET,
  retry: { minDelayMs: 10, maxDelayMs: 30 },
});

async function sendWhatsapp(platformUrl: string, body: Record<string, unknown>) {
  const response = await fetch(`${platformUrl}${SANDBOX_PATHS.graph}/v23.0/${PHONE_NUMBER_ID}/messages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${CREDENTIALS.whatsappAccessToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ messaging_product: 'whatsapp', ...body }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sendMessenger(platformUrl: string, body: Record<string, unknown>) {
  const response = await fetch(`${platformUrl}${SANDBOX_PATHS.graph}/v23.0/me/messages`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${CREDENTIALS.messengerPageAccessToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function sendSms(platformUrl: string, form: Record<string, string>) {
  const sid = CREDENTIALS.twilioAccountSid;
  const basic = Buffer.from(`${sid}:${CREDENTIALS.twilioAuthToken}`).toString('base64');
  const response = await fetch(
    `${platformUrl}${SANDBOX_PATHS.twilio}/2010-04-01/Accounts/${sid}/Messages.json`,
    {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const whatsappText = (to: string, text: string) => ({ to, type: 'text', text: { body: text } });
const headersOf = (received: Received) => received.headers as Record<string, string | undefined>;
const json = (received: Received) => JSON.parse(received.rawBody.toString('utf8'));

describe('platform sandboxes with statusCallbacks', () => {
  it('post WhatsApp’s signed `sent` status for the returned wamid, with biz_opaque_callback_data', async () => {
    const runtime = await startRuntime();
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    const sent = await sendWhatsapp(url, {
      ...whatsappText('+5511999990000', 'Olá'),
      biz_opaque_callback_data: REFERENCE,
    });
    expect(sent.status).toBe(200);
    const wamid = (sent.body.messages as { id: string }[])[0]?.id;

    await sandboxes.callbacksSettled();
    expect(runtime.received).toHaveLength(1);
    const callback = runtime.received[0]!;
    expect(callback.path).toBe('/webhooks/whatsapp');
    expect(isAuthenticMetaRequest(headersOf(callback), callback.rawBody, WHATSAPP_APP_SECRET)).toBe(true);
    expect(json(callback)).toMatchObject({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: LOCAL_BUSINESS.whatsappBusinessAccountId,
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: PHONE_NUMBER_ID },
                statuses: [
                  {
                    id: wamid,
                    status: 'sent',
                    recipient_id: '5511999990000',
                    biz_opaque_callback_data: REFERENCE,
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    expect(parseWhatsappWebhook(callback.rawBody.toString('utf8'), new Date())).toMatchObject([
      {
        kind: 'status',
        channel: 'whatsapp',
        accountId: PHONE_NUMBER_ID,
        recipientId: '5511999990000',
        providerMessageId: wamid,
        status: 'sent',
      },
    ]);
  });

  it('post no WhatsApp status for read receipts, typing or refused sends', async () => {
    const runtime = await startRuntime();
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    const read = await sendWhatsapp(url, {
      status: 'read',
      message_id: 'wamid.inbound',
      typing_indicator: { type: 'text' },
    });
    expect(read.status).toBe(200);
    sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.throughput());
    expect((await sendWhatsapp(url, whatsappText('5511999990000', 'throttled'))).status).toBe(400);
    expect((await sendWhatsapp(url, whatsappText('5511999990000', ''))).status).toBe(400);
    // One accepted send afterwards: its status is the only callback.
    await sendWhatsapp(url, whatsappText('5511999990000', 'accepted'));
    await sandboxes.callbacksSettled();
    expect(runtime.received).toHaveLength(1);
    expect(sandboxes.callbackStats()).toMatchObject({ delivered: 1, abandoned: 0 });
  });

  it('post Messenger’s signed message echo with the request’s metadata, not for sender actions', async () => {
    const runtime = await startRuntime();
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    const psid = '24680000';
    expect((await sendMessenger(url, { recipient: { id: psid }, sender_action: 'typing_on' })).status).toBe(
      200,
    );
    const sent = await sendMessenger(url, {
      recipient: { id: psid },
      messaging_type: 'RESPONSE',
      message: { text: 'Olá 😀', metadata: REFERENCE },
    });
    expect(sent.status).toBe(200);
    const mid = String(sent.body.message_id);

    await sandboxes.callbacksSettled();
    expect(runtime.received).toHaveLength(1);
    const callback = runtime.received[0]!;
    expect(callback.path).toBe('/webhooks/messenger');
    expect(isAuthenticMetaRequest(headersOf(callback), callback.rawBody, MESSENGER_APP_SECRET)).toBe(true);
    const pageId = LOCAL_BUSINESS.messengerPageId;
    expect(json(callback)).toMatchObject({
      object: 'page',
      entry: [
        {
          id: pageId,
          messaging: [
            {
              sender: { id: pageId },
              recipient: { id: psid },
              message: { is_echo: true, mid, text: 'Olá 😀', metadata: REFERENCE },
            },
          ],
        },
      ],
    });
    const events = parseMessengerWebhook(callback.rawBody.toString('utf8'), new Date());
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ channel: 'messenger', accountId: pageId });
    expect(events[0]?.eventId).toContain(mid);
  });

  it('post Twilio’s signed `sent` callback to the StatusCallback URL exactly as given', async () => {
    const runtime = await startRuntime();
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    // The query is our delivery reference; Twilio must call (and sign) it byte for byte.
    const statusCallback = `${runtime.url}/webhooks/sms?ref=${encodeURIComponent(REFERENCE)}`;
    const withCallback = await sendSms(url, {
      To: '+48600100200',
      From: '+15017122661',
      Body: 'Olá',
      StatusCallback: statusCallback,
    });
    expect(withCallback.status).toBe(201);
    // A message sent without a StatusCallback gets none.
    await sendSms(url, { To: '+48600100201', From: '+15017122661', Body: 'no callback' });

    await sandboxes.callbacksSettled();
    expect(runtime.received).toHaveLength(1);
    const callback = runtime.received[0]!;
    expect(`${runtime.url}${callback.path}`).toBe(statusCallback);
    expect(callback.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(
      isAuthenticTwilioRequest({
        authToken: CREDENTIALS.twilioAuthToken,
        signature: callback.headers['x-twilio-signature'] as string | undefined,
        url: statusCallback,
        rawBody: callback.rawBody,
      }),
    ).toBe(true);
    const sid = String(withCallback.body.sid);
    expect(Object.fromEntries(new URLSearchParams(callback.rawBody.toString('utf8')))).toEqual({
      MessageSid: sid,
      MessageStatus: 'sent',
      SmsSid: sid,
      SmsStatus: 'sent',
      AccountSid: CREDENTIALS.twilioAccountSid,
      From: '+15017122661',
      To: '+48600100200',
      ApiVersion: '2010-04-01',
    });
    expect(parseTwilioWebhook(callback.rawBody.toString('utf8'), new Date())).toMatchObject([
      {
        kind: 'status',
        channel: 'sms',
        accountId: '+15017122661',
        recipientId: '+48600100200',
        providerMessageId: sid,
        status: 'sent',
      },
    ]);
  });

  it('keep posting while the runtime refuses, so every callback arrives once it accepts', async () => {
    const runtime = await startRuntime(4);
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    await sendWhatsapp(url, whatsappText('5511999990000', 'one'));
    await sendMessenger(url, {
      recipient: { id: '24680000' },
      messaging_type: 'RESPONSE',
      message: { text: 'two' },
    });
    await sendSms(url, {
      To: '+48600100200',
      From: '+15017122661',
      Body: 'three',
      StatusCallback: `${runtime.url}/webhooks/sms`,
    });
    await sandboxes.callbacksSettled();
    expect(runtime.refused).toBe(4);
    expect(runtime.received.map((callback) => callback.path).sort()).toEqual([
      '/webhooks/messenger',
      '/webhooks/sms',
      '/webhooks/whatsapp',
    ]);
    expect(sandboxes.pendingCallbacks()).toBe(0);
    expect(sandboxes.callbackStats()).toEqual({ delivered: 3, pending: 0, abandoned: 0, attempts: 7 });
  });

  it('stop retrying on close, and still answer sends', async () => {
    const runtime = await startRuntime(Number.POSITIVE_INFINITY);
    const { sandboxes, url } = await startPlatforms(callbackOptions(runtime.url));
    await sendWhatsapp(url, whatsappText('5511999990000', 'never acknowledged'));
    expect(sandboxes.pendingCallbacks()).toBe(1);
    await sandboxes.close();
    expect(sandboxes.pendingCallbacks()).toBe(0);
    expect((await sendWhatsapp(url, whatsappText('5511999990000', 'after close'))).status).toBe(200);
    expect(sandboxes.callbackStats()).toMatchObject({ delivered: 0, pending: 0, abandoned: 2 });
  });
});

describe('platform sandboxes without statusCallbacks', () => {
  it('answer sends as before and post nothing', async () => {
    const runtime = await startRuntime();
    const { sandboxes, url } = await startPlatforms();
    expect(
      (
        await sendWhatsapp(url, {
          ...whatsappText('5511999990000', 'hi'),
          biz_opaque_callback_data: REFERENCE,
        })
      ).status,
    ).toBe(200);
    const messenger = await sendMessenger(url, {
      recipient: { id: '24680000' },
      messaging_type: 'RESPONSE',
      message: { text: 'hi', metadata: REFERENCE },
    });
    expect(Object.keys(messenger.body).sort()).toEqual(['message_id', 'recipient_id']);
    expect(
      (
        await sendSms(url, {
          To: '+48600100200',
          From: '+15017122661',
          Body: 'hi',
          StatusCallback: `${runtime.url}/webhooks/sms`,
        })
      ).status,
    ).toBe(201);

    expect(sandboxes.pendingCallbacks()).toBe(0);
    await sandboxes.callbacksSettled();
    // Long enough for a callback's first attempt, had one been queued.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runtime.received).toHaveLength(0);
    expect(sandboxes.callbackStats()).toEqual({ delivered: 0, pending: 0, abandoned: 0, attempts: 0 });
  });
});
