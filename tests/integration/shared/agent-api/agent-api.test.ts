import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentApiDeps, handleAgentRequest, ROUTES } from '../../../../shared/agent-api/agent-api.ts';
import { OPENAPI_DOCUMENT } from '../../../../shared/agent-api/openapi.ts';
import type { Principal } from '../../../../shared/agent-api/principal.ts';
import type { ChannelAddress } from '../../../../shared/domain/channel.ts';
import { type Conversation, transition } from '../../../../shared/domain/conversation.ts';
import type { HttpRequest } from '../../../../shared/http/types.ts';
import type { FifoMessage } from '../../../../shared/queue/fifo-sender.ts';
import { appendFeed } from '../../../../shared/store/agent-feed.ts';
import { openConversationFor, saveTransition } from '../../../../shared/store/conversations.ts';
import { customerForIdentity, touchIdentity } from '../../../../shared/store/customers.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../helpers/embedded-table.ts';

let table: EmbeddedTable;
let enqueued: FifoMessage[];
let clock: Date;
let sequence = 0;

beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table?.close());

function deps(overrides: Partial<AgentApiDeps> = {}): AgentApiDeps {
  enqueued = [];
  return {
    table,
    enqueueOutbound: async (messages) => {
      enqueued.push(...messages);
    },
    now: () => clock ?? new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    teams: ['support', 'orders', 'billing'],
    cannedReplies: [
      { id: 'hi', team: '*', language: 'en', title: 'Hi', text: 'Hello' },
      { id: 'ola', team: '*', language: 'pt', title: 'Olá', text: 'Olá' },
      { id: 'late', team: 'orders', language: 'en', title: 'Late', text: 'Checking' },
      { id: 'refund', team: 'billing', language: 'en', title: 'Refund', text: 'Refunded' },
    ],
    surveyInvitation: () => ({ text: 'Rate us', quickReplies: [] }),
    linkCodeText: (_language, code) => `LINK ${code}`,
    whatsappTemplateConfigured: false,
    events: { pollIntervalMs: 50, settleMs: 0, maxWaitSeconds: 5 },
    ...overrides,
  };
}

const agent = (agentId: string, teams: string[], admin = false): Principal => ({
  agentId,
  name: agentId,
  teams,
  admin,
  lead: false,
});

function request(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): HttpRequest {
  const [pathname, query = ''] = path.split('?');
  return {
    method,
    path: pathname ?? path,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    query: Object.fromEntries(new URLSearchParams(query)),
    rawBody: Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)),
    requestId: `req-${++sequence}`,
  };
}

async function call(
  principal: Principal | undefined,
  method: string,
  path: string,
  body?: unknown,
  d = deps(),
) {
  const response = await handleAgentRequest(request(method, path, body), principal, d);
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

/** A customer on a channel with a conversation waiting in a team's queue. */
async function queued(
  team: string,
  priority: number,
  enqueuedAt: string,
  channel: ChannelAddress['channel'] = 'sms',
) {
  const id = `+4850000${String(++sequence).padStart(4, '0')}`;
  const address: ChannelAddress = { channel, accountId: 'acct', userId: id, chatId: id };
  const identity = await touchIdentity(table, address, {}, new Date(), true);
  const customer = await customerForIdentity(table, identity, {}, new Date());
  const open = await openConversationFor(
    table,
    customer,
    `event-${sequence}`,
    new Date('2026-11-26T09:00:00.000Z'),
  );
  const result = transition(open, { type: 'request_human', team, priority, reason: 'asked', at: enqueuedAt });
  if (!result.ok) throw new Error(result.reason);
  await saveTransition(table, open, result.conversation);
  return result.conversation as Conversation & { owner: { kind: 'queue' } };
}

describe('GET /api/queue', () => {
  it('lists the caller’s teams highest priority first, then oldest, and pages without repeating or skipping', async () => {
    const a = await queued('orders', 1, '2026-11-26T10:00:00.000Z');
    const b = await queued('billing', 3, '2026-11-26T10:05:00.000Z');
    const c = await queued('orders', 3, '2026-11-26T10:01:00.000Z');
    const d = await queued('billing', 1, '2026-11-26T09:59:00.000Z');
    const e = await queued('orders', 2, '2026-11-26T10:02:00.000Z');
    await queued('support', 4, '2026-11-26T09:00:00.000Z'); // another team: never listed
    const expected = [c, b, e, d, a].map((conversation) => conversation.conversationId);
    const ana = agent('ana', ['orders', 'billing']);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await call(ana, 'GET', `/api/queue?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.conversations.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.conversations.map((item: { conversationId: string }) => item.conversationId));
      cursor = page.body.cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
  });

  it('caps the page size at 100 and rejects a forged cursor with 400', async () => {
    expect((await call(agent('ana', ['orders']), 'GET', '/api/queue?limit=0')).status).toBe(400);
    const forged = await call(agent('ana', ['orders']), 'GET', '/api/queue?cursor=not-a-cursor');
    expect(forged).toMatchObject({ status: 400, body: { error: { code: 'invalid_cursor' } } });
  });
});

describe('POST /api/conversations/{id}/claim', () => {
  it('gives the conversation to exactly one of 12 concurrent claimants; the rest get 409', async () => {
    const conversation = await queued('support', 2, '2026-11-26T11:00:00.000Z');
    const claimants = Array.from({ length: 12 }, (_, index) => agent(`agent-${index}`, ['support']));
    const results = await Promise.all(
      claimants.map((claimant) =>
        call(claimant, 'POST', `/api/conversations/${conversation.conversationId}/claim`),
      ),
    );
    expect(results.filter((result) => result.status === 200)).toHaveLength(1);
    expect(results.filter((result) => result.status === 409)).toHaveLength(11);
    const winner = results.find((result) => result.status === 200)?.body.conversation.assignee;
    const view = await call(
      agent('x', ['support']),
      'GET',
      `/api/conversations/${conversation.conversationId}`,
    );
    expect(view.body.conversation).toMatchObject({
      status: 'agent',
      assignee: winner,
      version: conversation.version + 1,
    });
  });
});

describe('POST /api/conversations/{id}/messages', () => {
  async function claimed(channel: ChannelAddress['channel']) {
    const conversation = await queued('support', 1, '2026-11-26T12:00:00.000Z', channel);
    const bea = agent(`bea-${sequence}`, ['support']);
    expect((await call(bea, 'POST', `/api/conversations/${conversation.conversationId}/claim`)).status).toBe(
      200,
    );
    return { id: conversation.conversationId, bea };
  }

  it('refuses bodies it cannot read with a clear code and queues nothing', async () => {
    const { id, bea } = await claimed('sms');
    const d = deps();
    const post = (body: string, headers: Record<string, string>) =>
      handleAgentRequest(request('POST', `/api/conversations/${id}/messages`, body, headers), bea, d);
    const codeOf = async (response: ReturnType<typeof post>) => {
      const answer = await response;
      return [answer.statusCode, JSON.parse(answer.body).error.code];
    };
    expect(await codeOf(post('{"text":"hi"}', { 'content-type': 'text/plain' }))).toEqual([
      415,
      'unsupported_media_type',
    ]);
    expect(await codeOf(post('{"text":', { 'content-type': 'application/json' }))).toEqual([
      400,
      'invalid_json',
    ]);
    expect(await codeOf(post('[1]', { 'content-type': 'application/json' }))).toEqual([
      400,
      'invalid_request',
    ]);
    expect(
      await codeOf(
        post(JSON.stringify({ text: 'x'.repeat(20_000) }), { 'content-type': 'application/json' }),
      ),
    ).toEqual([413, 'body_too_large']);
    expect(
      await codeOf(post(JSON.stringify({ text: 'é'.repeat(1601) }), { 'content-type': 'application/json' })),
    ).toEqual([422, 'text_too_long']);
    expect(
      await codeOf(post(JSON.stringify({ text: '  ' }), { 'content-type': 'application/json' })),
    ).toEqual([400, 'invalid_request']);
    expect(
      await codeOf(
        post(JSON.stringify({ text: 'hi', channel: 'fax' }), { 'content-type': 'application/json' }),
      ),
    ).toEqual([400, 'invalid_request']);
    expect(enqueued).toEqual([]);
  });

  it('sends a retried request with the same Idempotency-Key once', async () => {
    const { id, bea } = await claimed('sms');
    const d = deps();
    const send = () =>
      handleAgentRequest(
        request('POST', `/api/conversations/${id}/messages`, { text: 'On it' }, { 'idempotency-key': 'k-1' }),
        bea,
        d,
      );
    const first = JSON.parse((await send()).body);
    const second = JSON.parse((await send()).body);
    expect(second.messageId).toBe(first.messageId);
    expect(second.replayed).toBe(true);
    expect(enqueued).toHaveLength(1);
    const view = await call(bea, 'GET', `/api/conversations/${id}`);
    expect(view.body.messages.filter((message: { text: string }) => message.text === 'On it')).toHaveLength(
      1,
    );
  });

  it('offers the WhatsApp template as the alternative when one is configured, and sends through it on request', async () => {
    const { id, bea } = await claimed('whatsapp');
    clock = new Date(Date.now() + 25 * 60 * 60 * 1000);
    try {
      const d = deps({ whatsappTemplateConfigured: true });
      const refused = await call(
        bea,
        'POST',
        `/api/conversations/${id}/messages`,
        { text: 'Hello again' },
        d,
      );
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({
        code: 'reply_window_closed',
        channel: 'whatsapp',
        alternatives: [{ channel: 'whatsapp', via: 'template', window: { state: 'template_only' } }],
      });
      const viaTemplate = await call(
        bea,
        'POST',
        `/api/conversations/${id}/messages`,
        { text: 'Hello again', template: true },
        d,
      );
      expect(viaTemplate.status).toBe(202);
      expect(enqueued).toHaveLength(1);
    } finally {
      clock = undefined as unknown as Date;
    }
  });
});

describe('GET /api/events', () => {
  it('returns what changed after the cursor, and a long poll wakes up when something happens', async () => {
    const d = deps();
    const carla = agent('carla', ['billing']);
    const start = await call(carla, 'GET', '/api/events', undefined, d);
    expect(start.body.events).toEqual([]);
    const cursor = start.body.cursor as string;

    const waiting = call(
      carla,
      'GET',
      `/api/events?since=${encodeURIComponent(cursor)}&wait=5`,
      undefined,
      d,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await appendFeed(
      table,
      [
        {
          type: 'customer_message',
          conversationId: 'conv_b',
          team: 'billing',
          messageId: 'm1',
          channel: 'sms',
        },
        {
          type: 'customer_message',
          conversationId: 'conv_o',
          team: 'orders',
          messageId: 'm2',
          channel: 'sms',
        },
      ],
      new Date(),
    );
    const woke = await waiting;
    expect(woke.status).toBe(200);
    // Only the caller's team.
    expect(woke.body.events).toEqual([
      expect.objectContaining({ conversationId: 'conv_b', messageId: 'm1' }),
    ]);

    const after = await call(
      carla,
      'GET',
      `/api/events?since=${encodeURIComponent(woke.body.cursor)}`,
      undefined,
      d,
    );
    expect(after.body.events).toEqual([]);
  });
});

describe('other reads', () => {
  it('lists canned replies of the caller’s teams and shared ones, by language', async () => {
    const replies = await call(agent('ana', ['orders']), 'GET', '/api/canned-replies?language=en');
    expect(replies.body.cannedReplies.map((reply: { id: string }) => reply.id).sort()).toEqual([
      'hi',
      'late',
    ]);
    const admin = await call(agent('root', [], true), 'GET', '/api/canned-replies');
    expect(admin.body.cannedReplies).toHaveLength(4);
  });

  it('answers 401 without a principal and 404/405 for unknown routes and methods', async () => {
    expect((await call(undefined, 'GET', '/api/queue')).status).toBe(401);
    expect((await call(agent('a', ['x']), 'GET', '/api/nothing')).body.error.code).toBe('unknown_route');
    expect((await call(agent('a', ['x']), 'DELETE', '/api/queue')).status).toBe(405);
  });
});

describe('the OpenAPI document', () => {
  it('describes exactly the routes the API answers', () => {
    const answered = ROUTES.map(
      ([method, pattern]) =>
        `${method} ${pattern.source
          .replace(/^\^\\?/, '')
          .replace(/\$$/, '')
          .replaceAll('\\/', '/')
          .replace('([A-Za-z0-9_-]{1,100})', '{id}')}`,
    ).map((route) => route.replace(' /', ' /').replace(/ (?!\/)/, ' /'));
    const documented = Object.entries(OPENAPI_DOCUMENT.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...documented].sort()).toEqual([...answered, 'GET /api/openapi.json'].sort());
  });
});
