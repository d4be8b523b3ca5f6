/**
 * Reliability cases 14-18, 22 and 24: duplicates, ordering and batch faults, through the webhook,
 * the local FIFO queues, the worker and sender handlers and the embedded table.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConversationWorkerHandler } from '../../functions/conversation-worker/create-handler.ts';
import { sqsEvent } from '../../infra/local/lambda-events.ts';
import { queueArn } from '../../infra/local/queue/queue-registry.ts';
import { signMetaBody } from '../../shared/channels/meta/signature.ts';
import type { SupportBot } from '../../shared/domain/bot-turn.ts';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import { handleInboundEvent } from '../../shared/pipeline/handle-inbound-event.ts';
import { parseInboundEnvelope } from '../../shared/queue/envelopes.ts';
import { getCustomer, getIdentity } from '../../shared/store/customers.ts';
import type { TableRef } from '../../shared/store/dynamo.ts';
import { readTranscript } from '../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { echoBot, httpRequest, type Pipeline, startPipeline } from './harness.ts';

let table: EmbeddedTable;
let pipeline: Pipeline;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(async () => pipeline?.close());

const T0 = 1_764_115_200;
let nextId = 50_000;
const id = () => ++nextId;

/** The echo bot, except that it throws on the text `poison`, as a bug in a turn would. */
function botWithPoison(): SupportBot & { turns: number } {
  const echo = echoBot();
  const echoTurn = echo.runTurn.bind(echo);
  return Object.assign(echo, {
    runTurn: async (request: Parameters<SupportBot['runTurn']>[0]) => {
      if (request.input.kind === 'message' && request.input.text === 'poison') throw new Error('turn failed');
      return echoTurn(request);
    },
  });
}

async function transcriptOf(address: { channel: 'telegram'; accountId: string; userId: string }) {
  const identity = await getIdentity(table, address);
  const customer = identity?.customerId ? await getCustomer(table, identity.customerId) : undefined;
  return customer?.openConversationId ? readTranscript(table, customer.openConversationId) : [];
}

const telegramAddress = (chat: string) => ({
  channel: 'telegram' as const,
  accountId: '123456789',
  userId: chat,
});

describe('reliability: duplicates and ordering', () => {
  it('case 14: the same webhook fired twice concurrently queues one message and gets exactly one reply, even if two workers race', async () => {
    pipeline = await startPipeline(table);
    const update = pipeline.signed('telegram', { from: '1414', id: id(), text: 'hi', timestamp: T0 });

    const outcomes = await Promise.all([pipeline.postSigned(update), pipeline.postSigned(update)]);
    expect(outcomes.map((outcome) => outcome.response.statusCode)).toEqual([200, 200]);
    expect(pipeline.queues.inbound.stats().visible).toBe(1);

    // Past the queue: two workers handed the same event at once (no check-then-mark window).
    const [message] = pipeline.queues.inbound.list();
    const envelope = parseInboundEnvelope(message!.body);
    await Promise.all([
      handleInboundEvent(envelope, pipeline.workerDeps),
      handleInboundEvent(envelope, pipeline.workerDeps),
    ]);
    await pipeline.drain();

    expect(pipeline.platforms.sends.map((send) => send.text)).toEqual(['echo: hi']);
  });

  it('case 15: a duplicate delivered after the 5-minute queue dedup window still gets no second reply', async () => {
    pipeline = await startPipeline(table);
    const update = pipeline.signed('whatsapp', {
      from: '5511915151515',
      id: id(),
      text: 'hi',
      timestamp: T0,
    });
    await pipeline.postSigned(update);
    await pipeline.drain();
    pipeline.clock.now += 6 * 60 * 1000;

    await pipeline.postSigned(update);
    // The queue no longer remembers the id, so the redelivery really reaches the worker...
    expect(pipeline.queues.inbound.stats().visible).toBe(1);
    await pipeline.drain();

    // ...where the durable claim in DynamoDB stops it.
    expect(pipeline.platforms.sends).toHaveLength(1);
  });

  it('case 16: messages arriving with reversed provider timestamps are kept in provider-time order; a late "delivered" never undoes "read"', async () => {
    pipeline = await startPipeline(table);
    const later = pipeline.signed('telegram', { from: '1616', id: id(), text: 'second', timestamp: T0 + 60 });
    const earlier = pipeline.signed('telegram', { from: '1616', id: id(), text: 'first', timestamp: T0 });
    await pipeline.postSigned(later);
    pipeline.clock.now += 1000;
    await pipeline.postSigned(earlier);
    await pipeline.drain();

    const customerTexts = (await transcriptOf(telegramAddress('1616')))
      .filter((entry) => entry.author.kind === 'customer')
      .map((entry) => entry.text);
    expect(customerTexts).toEqual(['first', 'second']);

    const waId = '5511916161616';
    await pipeline.postSigned(
      pipeline.signed('whatsapp', { from: waId, id: id(), text: 'hi', timestamp: T0 }),
    );
    await pipeline.drain();
    const providerId = 'whatsapp-sent-3';
    for (const [status, at] of [
      ['read', T0 + 20],
      ['delivered', T0 + 10],
    ] as const) {
      const body = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: '102290129340398',
            changes: [
              {
                field: 'messages',
                value: {
                  messaging_product: 'whatsapp',
                  metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                  statuses: [{ id: providerId, status, timestamp: String(at), recipient_id: waId }],
                },
              },
            ],
          },
        ],
      });
      await pipeline.post(
        httpRequest('/webhooks/whatsapp', body, {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaBody(body, pipeline.secrets.WHATSAPP_APP_SECRET),
        }),
      );
    }
    await pipeline.drain();
    const reply = pipeline.platforms.sends.find((send) => send.to === waId)!;
    const [stored] = (await readTranscript(table, reply.conversationId)).filter(
      (entry) => entry.messageId === reply.messageId,
    ) as OutboundMessage[];
    expect(stored?.providerMessageId).toBe(providerId);
    expect(stored?.status).toBe('read');
  });

  it('case 17: a poison message in one conversation never holds up another; its own later messages wait, then follow a visible gap marker', async () => {
    const bot = botWithPoison();
    pipeline = await startPipeline(table, { bot });
    const post = (chat: string, text: string) =>
      pipeline.postSigned(
        pipeline.signed('telegram', { from: chat, id: id(), text, timestamp: pipeline.seconds() }),
      );
    await post('1701', 'hello A');
    await post('1702', 'hello B');
    await post('1701', 'poison');
    await post('1702', 'more B');
    await post('1701', 'after the poison');
    await post('1702', 'last B');

    await pipeline.pollInbound();
    await pipeline.pollOutbound();
    // B is fully answered while A's poison blocks only A.
    const textsTo = (chat: string) =>
      pipeline.platforms.sends.filter((send) => send.to === chat).map((send) => send.text);
    expect(textsTo('1702')).toEqual(['echo: hello B', 'echo: more B', 'echo: last B']);
    expect(textsTo('1701')).toEqual(['echo: hello A']);

    await pipeline.drain();

    expect(textsTo('1701')).toEqual(['echo: hello A', 'echo: after the poison']);
    expect(pipeline.queues.inboundDlq.stats().visible).toBe(1);
    const transcript = await transcriptOf(telegramAddress('1701'));
    const kinds = transcript.map((entry) =>
      (entry.author.kind as string) === 'system' ? 'gap' : `${entry.author.kind}:${entry.text}`,
    );
    // All three were written (provider time) before the bot answered the first.
    expect(kinds).toEqual([
      'customer:hello A',
      'customer:poison',
      'gap',
      'customer:after the poison',
      'bot:echo: hello A',
      'bot:echo: after the poison',
    ]);
  });
});

describe('reliability: batch and Lambda faults', () => {
  it('case 18: in a batch of 10 where record 4 throws, records 4-10 of that group are reported failed; 1-3 are never redone and nothing after 4 is answered first', async () => {
    const bot = botWithPoison();
    pipeline = await startPipeline(table, { bot });
    const texts = ['m1', 'm2', 'm3', 'poison', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10'];
    for (const text of texts) {
      pipeline.clock.now += 1;
      await pipeline.postSigned(pipeline.signed('telegram', { from: '1818', id: id(), text, timestamp: T0 }));
    }
    const worker = createConversationWorkerHandler(pipeline.workerDeps, async () => {
      throw new Error('nothing is parked here');
    });
    const received = await pipeline.queues.inbound.receive({ maxMessages: 10 });
    expect(received).toHaveLength(10);

    const response = await worker(sqsEvent(queueArn('inbound.fifo'), received), {} as never);

    expect(response?.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      received.slice(3).map((message) => message.messageId),
    );
    expect(bot.turns).toBe(3);
    const answered = (await transcriptOf(telegramAddress('1818')))
      .filter((entry) => entry.author.kind === 'bot')
      .map((entry) => entry.text);
    expect(answered).toEqual(['echo: m1', 'echo: m2', 'echo: m3']);
  });

  it('case 22: when every record fails (DynamoDB down) nothing is deleted, and all of it is answered once the table is back', async () => {
    let down = true;
    const flaky: TableRef = {
      tableName: table.tableName,
      client: {
        send: ((command: never) =>
          down
            ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
            : table.client.send(command)) as TableRef['client']['send'],
      } as TableRef['client'],
    };
    pipeline = await startPipeline(table, { worker: { table: flaky } });
    for (const chat of ['2201', '2202', '2203'])
      await pipeline.postSigned(
        pipeline.signed('telegram', { from: chat, id: id(), text: 'hi', timestamp: T0 }),
      );

    await pipeline.pollInbound();
    expect(pipeline.queues.inbound.stats()).toMatchObject({ visible: 0, inFlight: 3 });
    expect(pipeline.queues.inboundDlq.stats().visible).toBe(0);

    down = false;
    await pipeline.drain();
    expect(pipeline.platforms.sends.map((send) => send.to).sort()).toEqual(['2201', '2202', '2203']);
  });

  it('case 24: a non-JSON, truncated or unknown-version queue body is parked at once (no hot loop)', async () => {
    pipeline = await startPipeline(table);
    const bodies = ['not json at all', '{"v":1,"event":{"eventId":"x"', '{"v":2,"event":{"eventId":"y"}}'];
    for (const [index, body] of bodies.entries())
      await pipeline.queues.inbound.send({ body, groupId: 'g24', deduplicationId: `d24-${index}` });
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: '2424', id: id(), text: 'hi', timestamp: T0 }),
    );
    await pipeline.pollInbound();

    expect(pipeline.queues.inboundDlq.list().map((message) => message.body)).toEqual(bodies);
    expect(pipeline.queues.inbound.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    expect(pipeline.queues.inboundDlq.list().every((message) => message.receiveCount === 0)).toBe(true);
    await pipeline.drain();
    expect(pipeline.platforms.sends.map((send) => send.to)).toEqual(['2424']);
  });
});
