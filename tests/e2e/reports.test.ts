// biome-ignore-all lint/suspicious/noExplicitAny: the report's JSON is read loosely; the assertions check its figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY } from '../../bots/support/copy.ts';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { whatsappSandboxFailures } from '../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { signedWhatsappValue } from '../../infra/local/simulator/platform-webhooks.ts';
import { signTwilioRequest } from '../../shared/channels/sms/verify.ts';
import { DURATION_BUCKETS_SECONDS, durationBucket, isoWeekOf } from '../../shared/domain/report.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';

const OUR_NUMBER = '+15017122661';
let runtime: LocalRuntime;
let dataDir: string;
let admin: string;
let agent: string;
let sequence = 0;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-reports-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  admin = await runtime.issueAgentToken({ agentId: 'boss', teams: [], admin: true });
  agent = await runtime.issueAgentToken({ agentId: 'ana', teams: ['support'] });
});
afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

function sms(from: string) {
  const phone = () => runtime.sandboxes.twilio.messagesFor(from).map((message) => message.text);
  return async (text: string, replies = 1) => {
    const before = phone().length;
    const url = `${runtime.url}/webhooks/sms`;
    const params = {
      MessageSid: `SMrep${++sequence}`,
      AccountSid: LOCAL_DEFAULTS.TWILIO_ACCOUNT_SID,
      From: from,
      To: OUR_NUMBER,
      Body: text,
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
    await waitFor(() => phone().length >= before + replies, 20_000, `the reply to "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  };
}

async function whatsapp(waId: string, message: Record<string, unknown>) {
  const webhook = signedWhatsappValue(
    {
      contacts: [{ profile: { name: 'Cliente' }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.rep-${++sequence}`, timestamp: '1764115200', ...message }],
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

describe('the weekly report, against a known week driven through the local runtime', () => {
  it('counts every figure exactly as the scenario made it happen', async () => {
    // Three SMS customers: a help-centre answer that helped, a rating, a comment; the bot closes each.
    const ratings = ['5', '4', '5'];
    for (const [index, rating] of ratings.entries()) {
      const says = sms(`+4860090000${index + 1}`);
      await says('how long does delivery take?', 2);
      await says('1', 2); // the article helped → thanks + the survey question
      await says(rating); // → may we have a comment?
      await says('quick and clear'); // → thanks, the conversation is closed
    }
    // One of them comes back within 24 hours: a new conversation, a return, a repeat customer.
    await sms('+48600900001')('hello again');

    // Two WhatsApp customers ask for a person; Ana claims and answers both, then resolves both.
    const customers = ['5511977770001', '5511977770002'];
    for (const waId of customers) {
      await whatsapp(waId, { type: 'text', text: { body: 'I want to talk to a person' } });
      await waitFor(
        () =>
          runtime.sandboxes.whatsapp.messagesFor(waId).some((m) => (m.text ?? '').includes(COPY.en.handoff)),
        20_000,
        'the handoff notice',
      );
    }
    const queue = (await api(agent, 'GET', '/api/queue')).body.conversations as any[];
    expect(queue).toHaveLength(2);
    const responseSeconds: number[] = [];
    for (const [index, entry] of queue.entries()) {
      expect((await api(agent, 'POST', `/api/conversations/${entry.conversationId}/claim`)).status).toBe(200);
      // The second customer's phone refuses the message: a permanent delivery failure.
      if (index === 1) runtime.sandboxes.whatsapp.injectFailures(whatsappSandboxFailures.undeliverable());
      expect(
        (
          await api(agent, 'POST', `/api/conversations/${entry.conversationId}/messages`, {
            text: 'Hello, Ana here.',
          })
        ).status,
      ).toBe(202);
      const view = await api(agent, 'GET', `/api/conversations/${entry.conversationId}`);
      responseSeconds.push(
        (Date.parse(view.body.conversation.firstAgentReplyAt) -
          Date.parse(view.body.conversation.handoff.at)) /
          1000,
      );
    }
    await waitFor(
      async () =>
        (await api(agent, 'GET', `/api/conversations/${queue[1].conversationId}`)).body.messages.some(
          (m: any) => m.status === 'failed',
        ),
      20_000,
      'the failed reply',
    );
    for (const entry of queue)
      expect((await api(agent, 'POST', `/api/conversations/${entry.conversationId}/resolve`)).status).toBe(
        200,
      );
    // The first WhatsApp customer rates 2; the second never answers.
    const rater = (await api(agent, 'GET', `/api/conversations/${queue[0].conversationId}`)).body.customer
      .identities[0].userId;
    await waitFor(
      () => runtime.sandboxes.whatsapp.messagesFor(rater).some((m) => m.text === COPY.en.surveyQuestion),
      20_000,
      'the survey',
    );
    await whatsapp(rater, {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: 'survey:2', title: '2' } },
    });
    await waitFor(
      async () =>
        (await api(agent, 'GET', `/api/conversations/${queue[0].conversationId}`)).body.conversation.survey
          ?.rating === 2,
      20_000,
      'the stored rating',
    );

    expect((await api(agent, 'GET', '/api/reports/weekly')).status).toBe(403);
    const report = (await api(admin, 'GET', `/api/reports/weekly?week=${isoWeekOf(new Date())}`)).body;
    const o = report.overall;
    // 3 SMS + 1 SMS return + 2 WhatsApp.
    expect(o.conversations).toBe(6);
    expect(report.byChannel.sms.conversations).toBe(4);
    expect(report.byChannel.whatsapp.conversations).toBe(2);
    expect(o.handoffs).toBe(2);
    expect(o.escalationRate).toBeCloseTo(2 / 6, 4);
    expect(report.escalationReasons).toEqual([{ reason: 'customer_asked_for_a_person', count: 2 }]);
    expect(report.byTeam.support.handoffs).toBe(2);
    // Closed by the bot alone: 3; one came back within 24 h → 2 of 6 contained.
    expect(o.botClosed).toBe(3);
    expect(o.recontacts24h).toBe(1);
    expect(o.containmentRate).toBeCloseTo(2 / 6, 4);
    expect(o.repeatCustomers).toBe(1);
    // Surveys: 3 by the bot, 2 after the agent resolved; 4 answered (5, 4, 5, 2).
    expect(o.satisfaction).toEqual({
      sent: 5,
      answered: 4,
      responseRate: 0.8,
      average: 4,
      distribution: { '1': 0, '2': 1, '3': 0, '4': 1, '5': 2 },
    });
    expect(report.byTeam.support.satisfaction).toMatchObject({ sent: 2, answered: 1, average: 2 });
    // First responses: the median and p90 are the buckets holding the measured durations.
    const sorted = [...responseSeconds].sort((a, b) => a - b);
    expect(o.firstResponse.count).toBe(2);
    expect(o.firstResponse.medianSecondsAtMost).toBe(
      DURATION_BUCKETS_SECONDS[durationBucket(sorted[0] ?? 0)],
    );
    expect(o.firstResponse.p90SecondsAtMost).toBe(DURATION_BUCKETS_SECONDS[durationBucket(sorted[1] ?? 0)]);
    expect(o.resolution.count).toBe(2);
    // Knowledge base: one article, used 3 times, helped 3 times.
    expect(report.knowledgeBase).toEqual([{ article: expect.any(String), used: 3, helped: 3, notHelped: 0 }]);
    // Every customer text the bot read counts one intent: SMS 3 × 4 + 1, WhatsApp 2 (the survey tap is not text).
    expect(report.topIntents.reduce((sum: number, item: any) => sum + item.count, 0)).toBe(15);
    expect(report.deliveryFailures).toEqual([{ channel: 'whatsapp', code: '131026', count: 1 }]);
    expect(o.deliveryFailures).toBe(1);
    // The per-day figures add up to the week.
    const days = Object.values(report.byDay) as any[];
    expect(days.reduce((sum, day) => sum + day.conversations, 0)).toBe(6);
  });
});
