import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportBot } from '../../../../bots/support/index.ts';
import { transition } from '../../../../shared/domain/conversation.ts';
import type { ButtonTap, CustomerEdit, UnsupportedUpdate } from '../../../../shared/domain/events.ts';
import type { OutboundMessage } from '../../../../shared/domain/messages.ts';
import {
  type ConversationWorkerDeps,
  handleInboundEvent,
} from '../../../../shared/pipeline/handle-inbound-event.ts';
import type { OutboundEnvelope } from '../../../../shared/queue/envelopes.ts';
import type { FifoMessage } from '../../../../shared/queue/fifo-sender.ts';
import { getConversation, saveTransition } from '../../../../shared/store/conversations.ts';
import { getCustomer } from '../../../../shared/store/customers.ts';
import { claimEvent } from '../../../../shared/store/event-claims.ts';
import { keys } from '../../../../shared/store/keys.ts';
import { readTranscript } from '../../../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../helpers/embedded-table.ts';
import { customerMessage, envelope } from '../../../helpers/factories.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

function worker(overrides: Partial<ConversationWorkerDeps> = {}) {
  const enqueued: FifoMessage[] = [];
  const deps: ConversationWorkerDeps = {
    table,
    bot: createSupportBot(table),
    enqueueOutbound: async (messages) => {
      enqueued.push(...messages);
    },
    now: () => new Date('2026-11-26T10:00:01.000Z'),
    ...overrides,
  };
  return { deps, enqueued };
}

async function conversationOf(address: { channel: string; accountId: string; userId: string }) {
  const identity = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.identity(address as never) }),
  );
  const customer = await getCustomer(table, identity.Item?.customerId as string);
  const conversationId = customer?.openConversationId as string;
  return { customer, conversationId, conversation: await getConversation(table, conversationId) };
}

const outboundWork = (message: FifoMessage) => (JSON.parse(message.body) as OutboundEnvelope).work;

describe('handleInboundEvent', () => {
  it('creates the customer and a bot-owned conversation, keeps the message and queues exactly one reply', async () => {
    const { deps, enqueued } = worker();
    const event = customerMessage({ text: 'oi', profile: { displayName: 'Ana Souza', locale: 'pt-BR' } });

    expect(await handleInboundEvent(envelope(event), deps)).toBe('processed');

    const { customer, conversationId, conversation } = await conversationOf(event.address);
    expect(customer?.displayName).toBe('Ana Souza');
    expect(customer?.language).toBe('pt');
    expect(conversation?.owner).toEqual({ kind: 'bot' });
    const transcript = await readTranscript(table, conversationId);
    expect(transcript.map((entry) => entry.author.kind)).toEqual(['customer', 'bot']);
    const reply = transcript[1] as OutboundMessage;
    expect(reply.status).toBe('queued');
    expect(reply.text).toContain('Olá, Ana!');
    expect(reply.quickReplies).toHaveLength(3);
    expect(reply.to).toEqual(event.address);
    expect(enqueued).toHaveLength(1);
    expect(enqueued[0]?.groupId).toBe(conversationId);
    expect(enqueued[0]?.deduplicationId).toBe(reply.messageId);
    expect(outboundWork(enqueued[0]!)).toEqual({
      kind: 'message',
      conversationId,
      messageId: reply.messageId,
    });
  });

  it('answers a redelivered event (any time later) as a duplicate, with no second reply', async () => {
    const { deps, enqueued } = worker();
    const event = customerMessage();
    await handleInboundEvent(envelope(event), deps);
    const later = envelope(event, new Date('2026-11-26T10:10:00.000Z'));

    expect(await handleInboundEvent(later, deps)).toBe('duplicate');

    const { conversationId } = await conversationOf(event.address);
    expect(await readTranscript(table, conversationId)).toHaveLength(2);
    expect(enqueued).toHaveLength(1);
  });

  it('redoes an event whose earlier attempt died after the claim', async () => {
    const { deps, enqueued } = worker();
    const event = customerMessage();
    expect(await claimEvent(table, event.eventId, new Date())).toBe('new');

    expect(await handleInboundEvent(envelope(event), deps)).toBe('processed');

    const { conversationId } = await conversationOf(event.address);
    expect((await readTranscript(table, conversationId)).map((entry) => entry.author.kind)).toEqual([
      'customer',
      'bot',
    ]);
    expect(enqueued).toHaveLength(1);
  });

  it('reuses the stored turn when an attempt died after the bot decided, so the bot neither repeats nor skips', async () => {
    let failEnqueue = true;
    const sent: FifoMessage[] = [];
    const bot = createSupportBot(table);
    let turnsRun = 0;
    const { deps } = worker({
      bot: {
        storedOutcome: bot.storedOutcome,
        runTurn: (request) => {
          turnsRun += 1;
          return bot.runTurn(request);
        },
      },
      enqueueOutbound: async (messages) => {
        if (failEnqueue) throw new Error('SQS unavailable');
        sent.push(...messages);
      },
    });
    const event = customerMessage();

    await expect(handleInboundEvent(envelope(event), deps)).rejects.toThrow('SQS unavailable');
    failEnqueue = false;
    expect(await handleInboundEvent(envelope(event), deps)).toBe('processed');

    expect(turnsRun).toBe(1);
    const { conversationId } = await conversationOf(event.address);
    const transcript = await readTranscript(table, conversationId);
    expect(transcript.filter((entry) => entry.author.kind === 'bot')).toHaveLength(1);
    expect(sent.map((message) => message.deduplicationId)).toEqual([transcript[1]?.messageId]);
  });

  it('hands the conversation to the queue on "talk to a person", then stays silent while it waits', async () => {
    const { deps, enqueued } = worker();
    const first = customerMessage({ text: 'hello' });
    await handleInboundEvent(envelope(first), deps);
    const tap: ButtonTap = {
      kind: 'tap',
      eventId: `${first.eventId}-tap`,
      address: first.address,
      occurredAt: first.occurredAt,
      tapId: 'cb-1',
      payload: 'menu:human_agent',
      profile: first.profile,
    };

    await handleInboundEvent(envelope(tap, new Date('2026-11-26T10:00:05.000Z')), deps);
    const { conversationId, conversation } = await conversationOf(first.address);
    expect(conversation?.owner).toMatchObject({
      kind: 'queue',
      team: 'support',
      reason: 'customer_asked_for_a_person',
    });
    expect(conversation?.version).toBe(2);
    const notice = (await readTranscript(table, conversationId)).at(-1) as OutboundMessage;
    expect(notice.purpose).toBe('handoff_notice');
    expect(enqueued.map(outboundWork).map((work) => work.kind)).toEqual(['message', 'tap_ack', 'message']);

    const afterHandoff = customerMessage({
      ...first,
      eventId: `${first.eventId}-later`,
      occurredAt: '2026-11-26T10:00:09.000Z',
      text: 'are you there?',
    });
    await handleInboundEvent(envelope(afterHandoff, new Date('2026-11-26T10:00:09.000Z')), deps);
    const transcript = await readTranscript(table, conversationId);
    expect(transcript.at(-1)).toMatchObject({ author: { kind: 'customer' }, text: 'are you there?' });
    expect(enqueued).toHaveLength(3);
  });

  it('keeps one open conversation per customer across messages', async () => {
    const { deps } = worker();
    const first = customerMessage();
    await handleInboundEvent(envelope(first), deps);
    const { conversationId } = await conversationOf(first.address);
    await handleInboundEvent(envelope({ ...first, eventId: `${first.eventId}-2`, text: 'order' }), deps);

    expect((await conversationOf(first.address)).conversationId).toBe(conversationId);
    expect(await readTranscript(table, conversationId)).toHaveLength(4);
  });

  it('marks a conversation opened within 7 days of the previous one as a repeat contact, which raises handoff priority', async () => {
    const { deps } = worker();
    const first = customerMessage({ text: 'hello' });
    await handleInboundEvent(envelope(first), deps);
    const before = await conversationOf(first.address);
    const closed = transition(before.conversation!, { type: 'close', at: '2026-11-26T10:00:02.000Z' });
    if (!closed.ok) throw new Error(closed.reason);
    await saveTransition(table, before.conversation!, closed.conversation);

    const again = customerMessage({ ...first, eventId: `${first.eventId}-back`, text: 'talk to a person' });
    await handleInboundEvent(envelope(again, new Date('2026-11-27T09:00:00.000Z')), deps);

    const after = await conversationOf(first.address);
    expect(after.conversationId).not.toBe(before.conversationId);
    expect(after.conversation?.repeatContact).toBe(true);
    expect(after.conversation?.owner).toMatchObject({ kind: 'queue', priority: 2 });
  });

  it('records an edit on the original message without answering it', async () => {
    const { deps, enqueued } = worker();
    const first = customerMessage({ text: 'my order 123' });
    await handleInboundEvent(envelope(first), deps);
    const edit: CustomerEdit = {
      kind: 'edit',
      eventId: `${first.eventId}-edit`,
      address: first.address,
      occurredAt: first.occurredAt,
      providerMessageId: first.providerMessageId,
      text: 'my order 124',
      profile: first.profile,
    };

    expect(await handleInboundEvent(envelope(edit), deps)).toBe('processed');

    const { conversationId } = await conversationOf(first.address);
    const transcript = await readTranscript(table, conversationId);
    expect(transcript).toHaveLength(2);
    expect(transcript[0]).toMatchObject({ text: 'my order 124', edits: [{ text: 'my order 123' }] });
    expect(enqueued).toHaveLength(1);
  });

  it('keeps an unsupported update for inspection and counts it, without a customer or a reply', async () => {
    const { deps, enqueued } = worker();
    const update: UnsupportedUpdate = {
      kind: 'unsupported',
      eventId: 'telegram:123456789:999001',
      channel: 'telegram',
      accountId: '123456789',
      updateKind: 'my_chat_member',
      occurredAt: '2026-11-26T10:00:00.000Z',
      raw: '{"update_id":999001,"my_chat_member":{}}',
    };

    expect(await handleInboundEvent(envelope(update), deps)).toBe('kept_for_inspection');
    expect(await handleInboundEvent(envelope(update), deps)).toBe('duplicate');

    const kept = await table.client.send(
      new ScanCommand({
        TableName: table.tableName,
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'UNSUPPORTED#' },
      }),
    );
    expect(kept.Items?.map((item) => item.updateKind)).toEqual(['my_chat_member']);
    const counter = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: keys.counter('unsupported_updates', 'telegram#my_chat_member'),
      }),
    );
    expect(counter.Item?.count).toBe(1);
    expect(enqueued).toHaveLength(0);
  });
});
