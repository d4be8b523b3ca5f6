// biome-ignore-all lint/suspicious/noExplicitAny: the API's JSON answers are read loosely here; their shapes are what the assertions check.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { LOCAL_AGENT_AUDIENCE, LOCAL_AGENT_ISSUER, localSigningKey } from '../../infra/local/agent-auth.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { signedWhatsappValue } from '../../infra/local/simulator/platform-webhooks.ts';
import { TABLE } from '../../shared/definitions.ts';
import { keys } from '../../shared/store/keys.ts';
import { telegramTapUpdate, telegramTextUpdate } from '../helpers/factories.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

const PHONE_NUMBER_ID = '106540352242922';
const WA_ID = '5511988880001';
const TELEGRAM_CHAT = 7_800_001;

let runtime: LocalRuntime;
let dataDir: string;
let table: DynamoDBDocumentClient;
let sequence = 0;
let ana: string;
let bruno: string;
let carla: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-agents-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  table = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    }),
  );
  ana = await runtime.issueAgentToken({ agentId: 'ana', teams: ['orders'], name: 'Ana' });
  bruno = await runtime.issueAgentToken({ agentId: 'bruno', teams: ['orders', 'support'], name: 'Bruno' });
  carla = await runtime.issueAgentToken({ agentId: 'carla', teams: ['billing'], name: 'Carla' });
});

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function whatsappSays(text: string): Promise<void> {
  const webhook = signedWhatsappValue(
    {
      contacts: [{ profile: { name: 'Ana Cliente' }, wa_id: WA_ID }],
      messages: [
        {
          from: WA_ID,
          id: `wamid.agent-${++sequence}`,
          timestamp: '1764115200',
          type: 'text',
          text: { body: text },
        },
      ],
    },
    LOCAL_DEFAULTS.WHATSAPP_APP_SECRET,
  );
  const response = await fetch(`${runtime.url}${webhook.path}`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
  expect(response.status).toBe(200);
}

async function telegram(update: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${runtime.url}/webhooks/telegram`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-telegram-bot-api-secret-token': LOCAL_DEFAULTS.TELEGRAM_WEBHOOK_SECRET,
    },
    body: JSON.stringify(update),
  });
  expect(response.status).toBe(200);
}

const telegramSays = (text: string) =>
  telegram(telegramTextUpdate({ updateId: 880_000 + ++sequence, chatId: TELEGRAM_CHAT, text }));
const telegramTaps = (data: string) =>
  telegram(telegramTapUpdate({ updateId: 880_000 + ++sequence, chatId: TELEGRAM_CHAT, data }));

const whatsappPhone = () =>
  runtime.sandboxes.whatsapp.messagesFor(WA_ID).map((message) => message.text ?? '');
const telegramPhone = () =>
  runtime.sandboxes.telegram.messagesFor(String(TELEGRAM_CHAT)).map((message) => message.text);

async function transcriptTexts(token: string, conversationId: string): Promise<string[]> {
  const view = await api(token, 'GET', `/api/conversations/${conversationId}?limit=100`);
  return view.body.messages.map((message: { text: string }) => message.text);
}

describe('handoff to an agent, one customer across channels (local runtime, fake platforms)', () => {
  let conversationId: string;

  it('queues a WhatsApp customer who asks for a person with the routed team and the bot’s summary', async () => {
    await whatsappSays('Where is my order A-100001? I want to talk to a person');
    await waitFor(
      () => whatsappPhone().some((text) => text.includes(COPY.en.handoff)),
      20_000,
      'the handoff notice',
    );

    const queue = await api(bruno, 'GET', '/api/queue');
    expect(queue.status).toBe(200);
    const entry = queue.body.conversations.find(
      (item: { owner: { kind: string } }) => item.owner.kind === 'queue',
    );
    expect(entry).toBeDefined();
    conversationId = entry.conversationId;
    expect(entry.team).toBe('orders');
    expect(entry.owner.summary).toContain('A-100001');
    expect(entry.waitingSeconds).toBeGreaterThanOrEqual(0);
    // Ana is in orders too; Carla (billing) does not see it.
    expect(
      (await api(ana, 'GET', '/api/queue')).body.conversations.map((c: any) => c.conversationId),
    ).toContain(conversationId);
    expect((await api(carla, 'GET', '/api/queue')).body.conversations).toEqual([]);
  });

  it('lets exactly one of two agents claiming at once win; the other gets 409', async () => {
    const results = await Promise.all([
      api(ana, 'POST', `/api/conversations/${conversationId}/claim`),
      api(bruno, 'POST', `/api/conversations/${conversationId}/claim`),
    ]);
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 409]);
    const winner = results.find((result) => result.status === 200);
    const loser = results.find((result) => result.status === 409);
    expect(loser?.body.error.code).toBe('already_claimed');
    // Make Ana the assignee for the rest of the story, whoever won the race.
    if (winner?.body.conversation.assignee !== 'ana') {
      expect(
        (await api(bruno, 'POST', `/api/conversations/${conversationId}/transfer`, { team: 'orders' }))
          .status,
      ).toBe(200);
      expect((await api(ana, 'POST', `/api/conversations/${conversationId}/claim`)).status).toBe(200);
    }
    const mine = await api(ana, 'GET', '/api/conversations?assignee=me');
    expect(mine.body.conversations.map((c: any) => c.conversationId)).toEqual([conversationId]);
    expect((await api(ana, 'GET', '/api/queue')).body.conversations).toEqual([]);
  });

  it("delivers the winner's reply to WhatsApp, refuses anyone else's, and keeps the bot silent", async () => {
    const notAssignee = await api(bruno, 'POST', `/api/conversations/${conversationId}/messages`, {
      text: 'hi',
    });
    expect(notAssignee.status).toBe(409);
    expect(notAssignee.body.error.code).toBe('not_assignee');

    const sent = await api(ana, 'POST', `/api/conversations/${conversationId}/messages`, {
      text: 'Hi, Ana from the orders team here. Let me check A-100001.',
    });
    expect(sent.status).toBe(202);
    expect(sent.body.channel).toBe('whatsapp');
    await waitFor(
      () => whatsappPhone().some((text) => text.includes('Ana from the orders team')),
      20_000,
      'the reply',
    );

    const before = whatsappPhone().length;
    await whatsappSays('thank you! how long will it take?');
    await waitFor(
      async () => (await transcriptTexts(ana, conversationId)).includes('thank you! how long will it take?'),
      20_000,
      'the customer message in the transcript',
    );
    // Give the bot every chance to (wrongly) answer, then check it did not.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(whatsappPhone().slice(before)).toEqual([]);

    const view = await api(ana, 'GET', `/api/conversations/${conversationId}`);
    const reply = view.body.messages.find((message: any) =>
      message.text?.includes('Ana from the orders team'),
    );
    expect(reply).toMatchObject({
      direction: 'out',
      channel: 'whatsapp',
      author: { kind: 'agent', agentId: 'ana' },
    });
    expect(['sent', 'delivered', 'read']).toContain(reply.status);
  });

  it('joins Telegram with a link code: the next Telegram message lands in the same conversation, the agent replies there', async () => {
    const issued = await api(ana, 'POST', `/api/conversations/${conversationId}/link-code`);
    expect(issued.status).toBe(201);
    const { code } = issued.body;
    expect(code).toMatch(/^\d{6}$/);
    expect(issued.body.suggestedText).toContain(code);

    await telegramSays(`LINK ${code}`);
    await waitFor(
      () => telegramPhone().some((text) => text.includes(COPY.en.linkDone)),
      20_000,
      'the link confirmation',
    );

    await telegramSays('I am on Telegram now, any news?');
    await waitFor(
      async () => (await transcriptTexts(ana, conversationId)).includes('I am on Telegram now, any news?'),
      20_000,
      'the Telegram message in the WhatsApp conversation',
    );
    const view = await api(ana, 'GET', `/api/conversations/${conversationId}`);
    const channels = view.body.customer.identities.map((identity: any) => identity.channel).sort();
    expect(channels).toEqual(['telegram', 'whatsapp']);
    const linked = view.body.customer.identities.find((identity: any) => identity.channel === 'telegram');
    expect(linked).toMatchObject({ linkedBy: 'link_code', canUndoLink: true });
    expect(view.body.customer.mostRecentChannel).toBe('telegram');

    const sent = await api(ana, 'POST', `/api/conversations/${conversationId}/messages`, {
      text: 'Your parcel leaves the warehouse today.',
      channel: 'telegram',
    });
    expect(sent.status).toBe(202);
    await waitFor(
      () => telegramPhone().includes('Your parcel leaves the warehouse today.'),
      20_000,
      'the agent reply on Telegram',
    );
  });

  it('answers 422 with Telegram offered when the WhatsApp window has closed', async () => {
    await table.send(
      new UpdateCommand({
        TableName: TABLE.localName,
        Key: keys.identity({ channel: 'whatsapp', accountId: PHONE_NUMBER_ID, userId: WA_ID }),
        UpdateExpression: 'SET lastCustomerMessageAt = :old',
        ExpressionAttributeValues: { ':old': new Date(Date.now() - 25 * 60 * 60 * 1000).toISOString() },
      }),
    );
    const refused = await api(ana, 'POST', `/api/conversations/${conversationId}/messages`, {
      text: 'Are you still there?',
      channel: 'whatsapp',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('reply_window_closed');
    expect(refused.body.error.alternatives).toEqual([
      expect.objectContaining({ channel: 'telegram', via: 'message', window: { state: 'open' } }),
    ]);
    const view = await api(ana, 'GET', `/api/conversations/${conversationId}`);
    const whatsapp = view.body.customer.identities.find((identity: any) => identity.channel === 'whatsapp');
    expect(whatsapp.replyWindow.state).toBe('template_only');
  });

  it('answers 404 to an agent of another team on every route of the conversation', async () => {
    const id = conversationId;
    const routes: [string, string, unknown?][] = [
      ['GET', `/api/conversations/${id}`],
      ['GET', `/api/conversations/${id}/messages`],
      ['POST', `/api/conversations/${id}/claim`],
      ['POST', `/api/conversations/${id}/messages`, { text: 'x' }],
      ['POST', `/api/conversations/${id}/notes`, { text: 'x' }],
      ['POST', `/api/conversations/${id}/transfer`, { team: 'billing' }],
      ['POST', `/api/conversations/${id}/resolve`],
      ['POST', `/api/conversations/${id}/release`],
      ['POST', `/api/conversations/${id}/link-code`],
      ['POST', `/api/conversations/${id}/links/undo`, { channel: 'telegram', accountId: 'x', userId: 'y' }],
    ];
    for (const [method, path, body] of routes) {
      const other = await api(carla, method, path, body);
      const missing = await api(carla, method, path.replace(id, 'conv_does_not_exist'), body);
      expect({ route: `${method} ${path}`, status: other.status, body: other.body }).toEqual({
        route: `${method} ${path}`,
        status: 404,
        body: missing.body,
      });
    }
    expect((await api(carla, 'GET', '/api/conversations?status=agent')).body.conversations).toEqual([]);
  });

  it('keeps private notes in the transcript, marked private, never sent to the customer', async () => {
    const whatsappBefore = whatsappPhone().length;
    const telegramBefore = telegramPhone().length;
    const note = await api(bruno, 'POST', `/api/conversations/${conversationId}/notes`, {
      text: 'Customer is a VIP, be generous.',
    });
    expect(note.status).toBe(201);
    const view = await api(ana, 'GET', `/api/conversations/${conversationId}`);
    expect(view.body.messages.at(-1)).toMatchObject({
      type: 'note',
      private: true,
      text: 'Customer is a VIP, be generous.',
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(whatsappPhone()).toHaveLength(whatsappBefore);
    expect(telegramPhone()).toHaveLength(telegramBefore);
  });

  it('resolves: the survey reaches the customer and the score is stored', async () => {
    const resolved = await api(ana, 'POST', `/api/conversations/${conversationId}/resolve`);
    expect(resolved.status).toBe(200);
    expect(resolved.body.conversation).toMatchObject({ status: 'bot', resolvedBy: 'ana' });
    // Telegram is the most recent channel with an open window.
    await waitFor(() => telegramPhone().includes(COPY.en.surveyQuestion), 20_000, 'the survey');
    const survey = runtime.sandboxes.telegram
      .messagesFor(String(TELEGRAM_CHAT))
      .find((message) => message.text === COPY.en.surveyQuestion);
    expect(JSON.stringify(survey)).toContain('survey:5');

    await telegramTaps('survey:5');
    await waitFor(
      async () =>
        (await api(ana, 'GET', `/api/conversations/${conversationId}`)).body.conversation.survey?.rating ===
        5,
      20_000,
      'the stored score',
    );
    // No comment: the bot thanks the customer and closes the conversation.
    await telegramTaps('survey:skip');
    await waitFor(
      async () =>
        (await api(ana, 'GET', `/api/conversations/${conversationId}`)).body.conversation.status === 'closed',
      20_000,
      'the closed conversation',
    );
  });

  it('release hands the conversation back to the bot, which answers again', async () => {
    await whatsappSays('I want to talk to a person');
    let next: string | undefined;
    await waitFor(
      async () => {
        next = (await api(bruno, 'GET', '/api/queue?team=support')).body.conversations[0]?.conversationId;
        return next !== undefined;
      },
      20_000,
      'the second handoff',
    );
    expect(next).not.toBe(conversationId);
    expect((await api(bruno, 'POST', `/api/conversations/${next}/claim`)).status).toBe(200);
    const released = await api(bruno, 'POST', `/api/conversations/${next}/release`);
    expect(released.status).toBe(200);
    expect(released.body.conversation.status).toBe('bot');
    expect((await api(bruno, 'GET', '/api/conversations?assignee=me')).body.conversations).toEqual([]);

    const before = whatsappPhone().length;
    await whatsappSays('how long does delivery take?');
    await waitFor(() => whatsappPhone().length > before, 20_000, 'the bot answering again');
    expect(whatsappPhone().slice(before).join('\n')).toMatch(/business days/);
  });
});

describe('agent API authentication (the local gateway verifies like API Gateway’s JWT authorizer)', () => {
  async function signed(
    claims: Record<string, unknown>,
    options: { issuer?: string; audience?: string; expiresIn?: number; alg?: 'ES256' } = {},
  ): Promise<string> {
    const key = await localSigningKey(dataDir);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      token_use: 'access',
      client_id: options.audience ?? LOCAL_AGENT_AUDIENCE,
      ...claims,
    })
      .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: key.kid })
      .setSubject('mallory')
      .setIssuer(options.issuer ?? LOCAL_AGENT_ISSUER)
      .setIssuedAt(now - 60)
      .setExpirationTime(now + (options.expiresIn ?? 600))
      .sign(key.privateKey);
  }
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('accepts a valid token and says who it belongs to', async () => {
    const me = await api(await signed({ 'cognito:groups': ['support', 'admins'] }), 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ agentId: 'mallory', teams: ['support'], admin: true });
  });

  it.each([
    ['no token', async () => undefined],
    ['expired', async () => signed({ 'cognito:groups': ['support'] }, { expiresIn: -10 })],
    [
      'wrong issuer',
      async () => signed({ 'cognito:groups': ['support'] }, { issuer: 'https://evil.example' }),
    ],
    ['wrong audience', async () => signed({ 'cognito:groups': ['support'] }, { audience: 'another-app' })],
    [
      'an ID token where an access token is required',
      async () =>
        signed({
          'cognito:groups': ['support'],
          token_use: 'id',
          client_id: undefined,
          aud: LOCAL_AGENT_AUDIENCE,
        }),
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const key = await localSigningKey(dataDir);
        const publicJwk = await exportJWK(key.publicKey);
        return new SignJWT({
          token_use: 'access',
          client_id: LOCAL_AGENT_AUDIENCE,
          'cognito:groups': ['admins'],
        })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('mallory')
          .setIssuer(LOCAL_AGENT_ISSUER)
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      },
    ],
    [
      'alg none',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const payload = {
          sub: 'mallory',
          iss: LOCAL_AGENT_ISSUER,
          client_id: LOCAL_AGENT_AUDIENCE,
          token_use: 'access',
          exp: now + 600,
          'cognito:groups': ['admins'],
        };
        return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(payload)}.`;
      },
    ],
    [
      'tampered (groups changed after signing)',
      async () => {
        const [header, payload, signature] = (await signed({ 'cognito:groups': ['support'] })).split('.');
        const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
        return `${header}.${base64url({ ...claims, 'cognito:groups': ['admins'] })}.${signature}`;
      },
    ],
    [
      'signed by another key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT({
          'cognito:groups': ['admins'],
          token_use: 'access',
          client_id: LOCAL_AGENT_AUDIENCE,
        })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('mallory')
          .setIssuer(LOCAL_AGENT_ISSUER)
          .setExpirationTime('10m')
          .sign(privateKey);
      },
    ],
  ])('answers 401 to %s, on every kind of route', async (_name, token) => {
    const bearer = await token();
    for (const [method, path] of [
      ['GET', '/api/queue'],
      ['GET', '/api/conversations/conv_x'],
      ['POST', '/api/conversations/conv_x/claim'],
      ['GET', '/api/events'],
    ] as const) {
      const response = await api(bearer, method, path);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
  });

  it('serves the OpenAPI 3.1 document without a token', async () => {
    const document = await api(undefined, 'GET', '/api/openapi.json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toContain('/api/queue');
  });

  it('`npm run --silent token` prints a token this runtime accepts', async () => {
    const { execFileSync } = await import('node:child_process');
    const token = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/token.ts', '--agent', 'dora', '--teams', 'billing,orders', '--admin'],
      { env: { ...process.env, LOCAL_DATA_DIR: dataDir }, encoding: 'utf8' },
    ).trim();
    expect(token.split('.')).toHaveLength(3);
    const me = await api(token, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      agentId: 'dora',
      name: 'dora',
      teams: ['billing', 'orders'],
      admin: true,
      lead: false,
    });
  });
});
