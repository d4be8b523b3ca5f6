import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportBot } from '../../../../bots/support/index.ts';
import { createConversationWorkerHandler } from '../../../../functions/conversation-worker/create-handler.ts';
import { LocalFifoQueue } from '../../../../infra/local/queue/fifo-queue.ts';
import { pollOnce } from '../../../../infra/local/queue-poller.ts';
import { messageGroupOf } from '../../../../shared/domain/events.ts';
import type { OutboundEnvelope } from '../../../../shared/queue/envelopes.ts';
import type { FifoMessage } from '../../../../shared/queue/fifo-sender.ts';
import { stableDigest } from '../../../../shared/store/ids.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../helpers/embedded-table.ts';
import { customerMessage, envelope } from '../../../helpers/factories.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

async function queues(clock: () => number) {
  const dir = mkdtempSync(join(tmpdir(), 'omni-partial-'));
  const deadLetters = new LocalFifoQueue({
    name: 'inbound-dlq.fifo',
    dir: join(dir, 'dlq'),
    visibilityTimeoutSeconds: 30,
    retentionSeconds: 86_400,
    now: clock,
  });
  const inbound = new LocalFifoQueue({
    name: 'inbound.fifo',
    dir: join(dir, 'inbound'),
    visibilityTimeoutSeconds: 30,
    retentionSeconds: 86_400,
    maxReceiveCount: 5,
    deadLetterQueue: deadLetters,
    now: clock,
  });
  return { inbound, deadLetters };
}

describe('the conversation worker on a FIFO queue', () => {
  it('parks a record that is not an envelope in the dead-letter queue at once, so its group goes on', async () => {
    const clock = Date.parse('2026-11-26T10:00:00Z');
    const { inbound, deadLetters } = await queues(() => clock);
    const replies: FifoMessage[] = [];
    const handler = createConversationWorkerHandler(
      {
        table,
        bot: createSupportBot(table),
        enqueueOutbound: async (messages) => {
          replies.push(...messages);
        },
        now: () => new Date(clock),
      },
      async (record) => {
        await deadLetters.send({
          body: record.body,
          groupId: record.attributes.MessageGroupId ?? 'x',
          deduplicationId: record.messageId,
        });
      },
    );
    const customer = customerMessage({ text: 'hi' });
    const group = messageGroupOf(customer);
    await inbound.send({ body: '{"not":"an envelope"}', groupId: group, deduplicationId: 'poison-1' });
    await inbound.send({
      body: JSON.stringify(envelope(customer)),
      groupId: group,
      deduplicationId: customer.eventId,
    });

    await pollOnce({
      queue: inbound,
      handler,
      functionName: 'worker',
      timeoutSeconds: 30,
      batchSize: 10,
      onError: () => {},
    });

    expect(deadLetters.list().map((message) => message.body)).toEqual(['{"not":"an envelope"}']);
    expect(replies).toHaveLength(1);
    expect(inbound.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    await inbound.close();
    await deadLetters.close();
  });

  it("holds back only the failing record's group, in order, until the failure clears", async () => {
    let clock = Date.parse('2026-11-26T10:00:00Z');
    const { inbound, deadLetters } = await queues(() => clock);
    const replies: FifoMessage[] = [];
    let outboundQueueDown = true;
    const blocked = customerMessage({ text: 'hi' });
    // A new conversation's id derives from the event that opened it.
    const blockedConversation = `conv_${stableDigest(blocked.eventId)}`;
    const handler = createConversationWorkerHandler(
      {
        table,
        bot: createSupportBot(table),
        enqueueOutbound: async (messages) => {
          // The first customer's replies cannot be queued yet (a transient fault); everyone else's can.
          if (outboundQueueDown && messages.some((message) => message.groupId === blockedConversation)) {
            throw new Error('outbound queue unavailable');
          }
          replies.push(...messages);
        },
        now: () => new Date(clock),
      },
      async () => {
        throw new Error('nothing here should be parked');
      },
    );
    const poll = () =>
      pollOnce({
        queue: inbound,
        handler,
        functionName: 'worker',
        timeoutSeconds: 30,
        batchSize: 10,
        onError: () => {},
      });
    const blockedLater = { ...blocked, eventId: `${blocked.eventId}-2`, text: 'password' };
    const other = customerMessage({ text: 'hi' });
    for (const event of [blocked, blockedLater, other]) {
      await inbound.send({
        body: JSON.stringify(envelope(event)),
        groupId: messageGroupOf(event),
        deduplicationId: event.eventId,
      });
    }

    await poll();
    expect(replies.map((reply) => reply.groupId === blockedConversation)).toEqual([false]);
    expect(inbound.stats().inFlight).toBe(2);

    outboundQueueDown = false;
    clock += 31_000;
    await poll();

    const blockedReplies = replies.filter((reply) => reply.groupId === blockedConversation);
    // Both of the blocked customer's messages were answered, the first one first.
    expect(blockedReplies).toHaveLength(2);
    expect(blockedReplies.map((reply) => (JSON.parse(reply.body) as OutboundEnvelope).correlationId)).toEqual(
      [`test-${blocked.eventId}`, `test-${blockedLater.eventId}`],
    );
    expect(deadLetters.stats().visible).toBe(0);
    expect(inbound.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    await inbound.close();
    await deadLetters.close();
  });
});
