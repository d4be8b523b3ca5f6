// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers are read loosely; the assertions check them.
/**
 * Reliability cases 30 and 34-37: concurrent claims, and the agent API's security cases (BOLA, bad
 * tokens, SSRF through media, resource consumption), through the local runtime's gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { exportJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { LOCAL_AGENT_AUDIENCE, LOCAL_AGENT_ISSUER, localSigningKey } from '../../infra/local/agent-auth.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { signedWhatsappValue } from '../../infra/local/simulator/platform-webhooks.ts';
import { AGENT_API } from '../../shared/definitions.ts';
import { messageId } from '../../shared/store/ids.ts';
import { appendNote } from '../../shared/store/transcript.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

let runtime: LocalRuntime;
let dataDir: string;
let support: string[];
let billing: string;
let conversationId: string;
let sequence = 0;

async function api(token: string | undefined, method: string, path: string, body?: unknown, raw?: string) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** A WhatsApp customer who asked for a person: a conversation in the support team's queue. */
async function queuedConversation(): Promise<string> {
  const waId = `55119666${String(++sequence).padStart(5, '0')}`;
  const webhook = signedWhatsappValue(
    {
      contacts: [{ profile: { name: 'C' }, wa_id: waId }],
      messages: [
        {
          from: waId,
          id: `wamid.rel-${sequence}`,
          timestamp: '1764115200',
          type: 'text',
          text: { body: 'I want to talk to a person' },
        },
      ],
    },
    LOCAL_DEFAULTS.WHATSAPP_APP_SECRET,
  );
  await fetch(`${runtime.url}${webhook.path}`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
  await waitFor(
    () => runtime.sandboxes.whatsapp.messagesFor(waId).some((m) => (m.text ?? '').includes(COPY.en.handoff)),
    20_000,
    'the handoff',
  );
  const queue = (await api(support[0], 'GET', '/api/queue')).body.conversations as any[];
  return queue.find((entry) => entry.customerId && !entry.assignee)?.conversationId as string;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-rel-agents-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  support = await Promise.all(
    Array.from({ length: 8 }, (_, index) =>
      runtime.issueAgentToken({ agentId: `support-${index}`, teams: ['support'] }),
    ),
  );
  billing = await runtime.issueAgentToken({ agentId: 'billing-1', teams: ['billing'] });
  conversationId = await queuedConversation();
});
afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reliability: agent API', () => {
  it('case 30: eight agents claim the same conversation at once: exactly one 200, seven 409', async () => {
    const results = await Promise.all(
      support.map((token) => api(token, 'POST', `/api/conversations/${conversationId}/claim`)),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(
      results.filter((result) => result.status === 409 && result.body.error.code === 'already_claimed'),
    ).toHaveLength(7);
  });

  it('case 34: an agent of another team gets 404 on every route, for the real id and any fuzzed one; the team comes only from the token', async () => {
    const routes = (id: string): [string, string, unknown?][] => [
      ['GET', `/api/conversations/${id}`],
      ['POST', `/api/conversations/${id}/claim`],
      ['POST', `/api/conversations/${id}/messages`, { text: 'hi' }],
    ];
    for (const [method, path, body] of routes(conversationId))
      expect((await api(billing, method, path, body)).status).toBe(404);
    // Claims in the body or the query never widen the scope.
    expect((await api(billing, 'GET', `/api/conversations/${conversationId}?team=support`)).status).toBe(404);
    expect(
      (
        await api(billing, 'POST', `/api/conversations/${conversationId}/messages`, {
          text: 'hi',
          team: 'support',
        })
      ).status,
    ).toBe(404);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{1,60}$/), async (id) => {
        for (const [method, path, body] of routes(id)) {
          const answer = await api(billing, method, path, body);
          if (answer.status !== 404) return false;
        }
        return true;
      }),
      { numRuns: 15 },
    );
  });

  it('case 35: expired, wrong issuer, wrong client, alg none, HS256 with the public key, an ID token and a tampered token get 401', async () => {
    const key = await localSigningKey(dataDir);
    const now = Math.floor(Date.now() / 1000);
    const token = (claims: Record<string, unknown>, options: { issuer?: string; exp?: number } = {}) =>
      new SignJWT({
        token_use: 'access',
        client_id: LOCAL_AGENT_AUDIENCE,
        'cognito:groups': ['support'],
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid: key.kid })
        .setSubject('mallory')
        .setIssuer(options.issuer ?? LOCAL_AGENT_ISSUER)
        .setExpirationTime(options.exp ?? now + 600)
        .sign(key.privateKey);
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const valid = await token({});
    const [header, payload, signature] = valid.split('.');
    const bad = {
      expired: await token({}, { exp: now - 5 }),
      wrongIssuer: await token({}, { issuer: 'https://cognito-idp.us-east-1.amazonaws.com/other' }),
      wrongClient: await token({ client_id: 'another-client' }),
      algNone: `${b64({ alg: 'none' })}.${payload}.`,
      hs256WithPublicKey: await new SignJWT({ token_use: 'access', client_id: LOCAL_AGENT_AUDIENCE })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setIssuer(LOCAL_AGENT_ISSUER)
        .setExpirationTime(now + 600)
        .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(key.publicKey)))),
      idToken: await token({ token_use: 'id', client_id: undefined, aud: LOCAL_AGENT_AUDIENCE }),
      tampered: `${header}.${b64({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'cognito:groups': ['admins'] })}.${signature}`,
    };
    expect((await api(valid, 'GET', '/api/me')).status).toBe(200);
    for (const [name, bearer] of Object.entries(bad))
      expect({ name, status: (await api(bearer, 'GET', '/api/me')).status }).toEqual({ name, status: 401 });
  });

  it('case 36: a reply carrying a media URL (IMDS, localhost, file:, gopher:, [::1], decimal IPs) is refused before anything is fetched', async () => {
    const claimed = await queuedConversation();
    expect((await api(support[1], 'POST', `/api/conversations/${claimed}/claim`)).status).toBe(200);
    const callsBefore = runtime.sandboxes.whatsapp.allMessages().length;
    for (const url of [
      'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      'http://localhost:3000/health',
      'file:///etc/passwd',
      'gopher://127.0.0.1:6379/_FLUSHALL',
      'http://[::1]/',
      'http://2130706433/',
    ]) {
      for (const field of ['mediaUrl', 'media', 'attachment', 'imageUrl']) {
        const answer = await api(support[1], 'POST', `/api/conversations/${claimed}/messages`, {
          text: 'see this',
          [field]: url,
        });
        expect({ url, field, status: answer.status, code: answer.body.error?.code }).toEqual({
          url,
          field,
          status: 400,
          code: 'unknown_field',
        });
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(runtime.sandboxes.whatsapp.allMessages().length).toBe(callsBefore);
  });

  it('case 37: bursts get 429 from route throttling, page sizes are capped, over-long replies are refused', async () => {
    const claimed = await queuedConversation();
    expect((await api(support[2], 'POST', `/api/conversations/${claimed}/claim`)).status).toBe(200);
    // A transcript of 130 entries: a request for 10,000 gets at most 100, and a cursor for the rest.
    const table = {
      client: DynamoDBDocumentClient.from(
        new DynamoDBClient({
          endpoint: runtime.dynamoEndpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
        }),
      ),
      tableName: 'omnichannel-support',
    };
    for (let index = 0; index < 130; index++)
      await appendNote(table, {
        messageId: messageId(new Date(Date.now() + index), `note-${index}`),
        conversationId: claimed,
        kind: 'note',
        private: true,
        author: { kind: 'agent', agentId: 'support-2' },
        text: `note ${index}`,
        createdAt: new Date().toISOString(),
      });
    const page = await api(support[2], 'GET', `/api/conversations/${claimed}?limit=10000`);
    expect(page.status).toBe(200);
    expect(page.body.messages).toHaveLength(100);
    expect(page.body.before).toEqual(expect.any(String));
    // 1 MB of text: refused by size before anything is parsed; 4097 characters: over WhatsApp's maximum.
    const huge = await api(
      support[2],
      'POST',
      `/api/conversations/${claimed}/messages`,
      undefined,
      JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
    );
    expect([huge.status, huge.body.error.code]).toEqual([413, 'body_too_large']);
    const long = await api(support[2], 'POST', `/api/conversations/${claimed}/messages`, {
      text: 'y'.repeat(4097),
    });
    expect([long.status, long.body.error.code, long.body.error.max]).toEqual([422, 'text_too_long', 4096]);
    // A burst well over the route's burst limit (throttling comes before the token check, as on AWS):
    // the gateway answers 429 without calling the function.
    const burst = await Promise.all(
      Array.from({ length: 4 * AGENT_API.routeThrottle.burstLimit }, () => fetch(`${runtime.url}/api/queue`)),
    );
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    expect(await burst.find((response) => response.status === 429)?.json()).toEqual({
      message: 'Too Many Requests',
    });
  });
});
