import { describe, expect, it } from 'vitest';
import { bodies, drain, openQueue, sendAll, TestClock, temporaryDirectory } from './helpers.ts';

function setup(options: Parameters<typeof openQueue>[2] = {}) {
  const clock = new TestClock();
  return { clock, queue: openQueue(temporaryDirectory(), clock, options) };
}

describe('LocalFifoQueue: order and group lock', () => {
  it('delivers the messages of a group in send order, several in one batch', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1', 'm2', 'm3', 'm4']);

    const batch = await queue.receive({ maxMessages: 10 });

    expect(bodies(batch)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(batch.map((message) => message.attributes.MessageGroupId)).toEqual(['g', 'g', 'g', 'g']);
  });

  it('keeps the rest of a group locked while its head is in flight', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1', 'm2']);

    const [head] = await queue.receive({ maxMessages: 1 });
    expect(head?.body).toBe('m1');
    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);

    await queue.delete(head!.receiptHandle);
    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['m2']);
  });

  it('keeps a group locked while a later message of it is in flight', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1', 'm2']);
    const [first, second] = await queue.receive({ maxMessages: 2 });

    await queue.changeVisibility(first!.receiptHandle, 0);

    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
    await queue.delete(second!.receiptHandle);
    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['m1']);
  });

  it('serves other groups while one group is locked', async () => {
    const { queue } = setup();
    await sendAll(queue, 'a', ['a1', 'a2']);
    await sendAll(queue, 'b', ['b1']);

    expect(bodies(await queue.receive({ maxMessages: 1 }))).toEqual(['a1']);
    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['b1']);
  });

  it('fills a batch from several groups, the group with the oldest message first', async () => {
    const { queue } = setup();
    await queue.send({ body: 'b1', groupId: 'b', deduplicationId: 'b1' });
    await queue.send({ body: 'a1', groupId: 'a', deduplicationId: 'a1' });
    await queue.send({ body: 'b2', groupId: 'b', deduplicationId: 'b2' });

    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['b1', 'b2', 'a1']);
  });

  it('keeps the order of sends issued back to back without awaiting each', async () => {
    const { queue } = setup();
    const names = Array.from({ length: 20 }, (_, index) => `m${index}`);

    await Promise.all(names.map((body) => queue.send({ body, groupId: 'g', deduplicationId: body })));

    expect(bodies(await drain(queue))).toEqual(names);
  });

  it('does not deliver a message before its send is on disk', async () => {
    const { queue } = setup();

    const sending = queue.send({ body: 'm1', groupId: 'g', deduplicationId: 'd' });
    const early = await queue.receive({ maxMessages: 10 });
    await sending;

    expect(early).toEqual([]);
    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['m1']);
  });

  it('rejects a batch size outside 1 to 10', async () => {
    const { queue } = setup();
    await expect(queue.receive({ maxMessages: 0 })).rejects.toMatchObject({ code: 'InvalidParameterValue' });
    await expect(queue.receive({ maxMessages: 11 })).rejects.toMatchObject({ code: 'InvalidParameterValue' });
  });

  it('reports the FIFO system attributes of a delivery', async () => {
    const { queue, clock } = setup();
    const sent = await queue.send({ body: 'hello', groupId: 'g', deduplicationId: 'd1' });
    const sentAt = clock.now();
    clock.advanceSeconds(2);

    const [message] = await queue.receive({ maxMessages: 1 });

    expect(message).toMatchObject({
      messageId: sent.messageId,
      body: 'hello',
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      attributes: {
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd1',
        SequenceNumber: sent.sequenceNumber,
        ApproximateReceiveCount: '1',
        SentTimestamp: String(sentAt),
        ApproximateFirstReceiveTimestamp: String(sentAt + 2000),
      },
    });
    expect(message?.messageAttributes).toBeUndefined();
  });

  it('returns message attributes as sent', async () => {
    const { queue } = setup();
    const attributes = { channel: { DataType: 'String', StringValue: 'telegram' } };
    await queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd', attributes });

    const [message] = await queue.receive({ maxMessages: 1 });

    expect(message?.messageAttributes).toEqual(attributes);
  });
});

describe('LocalFifoQueue: deduplication', () => {
  it('acknowledges a repeated deduplication id within five minutes with the original id, enqueuing nothing', async () => {
    const { queue, clock } = setup();
    const first = await queue.send({ body: 'first', groupId: 'g', deduplicationId: 'same' });
    clock.advanceSeconds(299);

    const second = await queue.send({ body: 'second', groupId: 'g', deduplicationId: 'same' });

    expect(second).toEqual({
      messageId: first.messageId,
      sequenceNumber: first.sequenceNumber,
      duplicate: true,
    });
    expect(bodies(await drain(queue))).toEqual(['first']);
  });

  it('accepts the same deduplication id again once five minutes have passed since the first send', async () => {
    const { queue, clock } = setup();
    const first = await queue.send({ body: 'first', groupId: 'g', deduplicationId: 'same' });
    clock.advanceSeconds(200);
    await queue.send({ body: 'ignored', groupId: 'g', deduplicationId: 'same' });
    clock.advanceSeconds(100);

    const again = await queue.send({ body: 'again', groupId: 'g', deduplicationId: 'same' });

    expect(again.duplicate).toBe(false);
    expect(again.messageId).not.toBe(first.messageId);
    expect(bodies(await drain(queue))).toEqual(['first', 'again']);
  });

  it('still deduplicates after the original was consumed', async () => {
    const { queue } = setup();
    await queue.send({ body: 'once', groupId: 'g', deduplicationId: 'd' });
    await drain(queue);

    const repeat = await queue.send({ body: 'once', groupId: 'g', deduplicationId: 'd' });

    expect(repeat.duplicate).toBe(true);
    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
  });
});

describe('LocalFifoQueue: visibility', () => {
  it('makes an unacknowledged message visible again when its visibility timeout expires, counting receives', async () => {
    const { queue, clock } = setup({ visibilityTimeoutSeconds: 30 });
    await sendAll(queue, 'g', ['m1']);
    const [first] = await queue.receive({ maxMessages: 1 });

    clock.advanceSeconds(29);
    expect(await queue.receive({ maxMessages: 1 })).toEqual([]);
    clock.advanceSeconds(1);
    const [again] = await queue.receive({ maxMessages: 1 });

    expect(again?.messageId).toBe(first?.messageId);
    expect(again?.receiptHandle).not.toBe(first?.receiptHandle);
    expect(again?.attributes.ApproximateReceiveCount).toBe('2');
    expect(again?.attributes.ApproximateFirstReceiveTimestamp).toBe(
      first?.attributes.ApproximateFirstReceiveTimestamp,
    );
  });

  it('uses a visibility timeout given with the receive instead of the queue default', async () => {
    const { queue, clock } = setup({ visibilityTimeoutSeconds: 30 });
    await sendAll(queue, 'g', ['m1']);
    await queue.receive({ maxMessages: 1, visibilityTimeoutSeconds: 5 });

    clock.advanceSeconds(5);

    expect(bodies(await queue.receive({ maxMessages: 1 }))).toEqual(['m1']);
  });

  it('makes a message visible at once after changeVisibility(0)', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1']);
    const [message] = await queue.receive({ maxMessages: 1 });

    await queue.changeVisibility(message!.receiptHandle, 0);

    const [again] = await queue.receive({ maxMessages: 1 });
    expect(again?.attributes.ApproximateReceiveCount).toBe('2');
  });

  it('extends a lease from now with changeVisibility', async () => {
    const { queue, clock } = setup({ visibilityTimeoutSeconds: 30 });
    await sendAll(queue, 'g', ['m1']);
    const [message] = await queue.receive({ maxMessages: 1 });
    clock.advanceSeconds(20);

    await queue.changeVisibility(message!.receiptHandle, 60);
    clock.advanceSeconds(59);
    expect(await queue.receive({ maxMessages: 1 })).toEqual([]);
    clock.advanceSeconds(1);
    expect(bodies(await queue.receive({ maxMessages: 1 }))).toEqual(['m1']);
  });

  it('rejects the receipt handle of an earlier receive once the message was received again', async () => {
    const { queue, clock } = setup({ visibilityTimeoutSeconds: 30 });
    await sendAll(queue, 'g', ['m1']);
    const [stale] = await queue.receive({ maxMessages: 1 });
    clock.advanceSeconds(30);
    const [current] = await queue.receive({ maxMessages: 1 });

    await expect(queue.delete(stale!.receiptHandle)).rejects.toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    await expect(queue.changeVisibility(stale!.receiptHandle, 0)).rejects.toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    await queue.delete(current!.receiptHandle);
    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('rejects a receipt handle whose lease ran out, even before anyone received the message again', async () => {
    const { queue, clock } = setup({ visibilityTimeoutSeconds: 30 });
    await sendAll(queue, 'g', ['m1']);
    const [message] = await queue.receive({ maxMessages: 1 });
    clock.advanceSeconds(30);

    await expect(queue.delete(message!.receiptHandle)).rejects.toMatchObject({
      code: 'ReceiptHandleIsInvalid',
    });
    expect(queue.stats().visible).toBe(1);
  });

  it('rejects a malformed receipt handle and accepts a repeated delete', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1']);
    const [message] = await queue.receive({ maxMessages: 1 });

    await expect(queue.delete('nonsense')).rejects.toMatchObject({ code: 'ReceiptHandleIsInvalid' });
    await queue.delete(message!.receiptHandle);
    await expect(queue.delete(message!.receiptHandle)).resolves.toBeUndefined();
  });
});

describe('LocalFifoQueue: dead-letter queue', () => {
  function withDeadLetterQueue(maxReceiveCount: number) {
    const clock = new TestClock();
    const deadLetterQueue = openQueue(temporaryDirectory(), clock, { name: 'test-dlq.fifo' });
    const queue = openQueue(temporaryDirectory(), clock, {
      visibilityTimeoutSeconds: 30,
      maxReceiveCount,
      deadLetterQueue,
    });
    return { clock, queue, deadLetterQueue };
  }

  it('moves a message to the dead-letter queue instead of receiving it beyond maxReceiveCount', async () => {
    const { clock, queue, deadLetterQueue } = withDeadLetterQueue(3);
    const sent = await queue.send({ body: 'poison', groupId: 'g', deduplicationId: 'p' });
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const [message] = await queue.receive({ maxMessages: 1 });
      expect(message?.attributes.ApproximateReceiveCount).toBe(String(attempt));
      clock.advanceSeconds(30);
    }

    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);

    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    expect(deadLetterQueue.list()).toEqual([
      expect.objectContaining({ messageId: sent.messageId, groupId: 'g', body: 'poison', receiveCount: 3 }),
    ]);
  });

  it('moves only the head of the group and lets the rest of the group proceed', async () => {
    const { clock, queue, deadLetterQueue } = withDeadLetterQueue(2);
    await sendAll(queue, 'g', ['poison', 'next', 'after']);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await queue.receive({ maxMessages: 1 });
      clock.advanceSeconds(30);
    }

    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['next', 'after']);
    expect(bodies(deadLetterQueue.list())).toEqual(['poison']);
  });

  it('keeps a message whose move to the dead-letter queue failed, and moves it on a later receive', async () => {
    const clock = new TestClock();
    const dlqDir = temporaryDirectory();
    const brokenDeadLetterQueue = openQueue(dlqDir, clock, { name: 'test-dlq.fifo' });
    const dir = temporaryDirectory();
    const queue = openQueue(dir, clock, { maxReceiveCount: 1, deadLetterQueue: brokenDeadLetterQueue });
    await sendAll(queue, 'g', ['poison']);
    await queue.receive({ maxMessages: 1 });
    clock.advanceSeconds(30);
    await brokenDeadLetterQueue.close();

    expect(await queue.receive({ maxMessages: 10 })).toEqual([]);
    expect(bodies(queue.list())).toEqual(['poison']);

    const deadLetterQueue = openQueue(dlqDir, clock, { name: 'test-dlq.fifo' });
    const reopened = openQueue(dir, clock, { maxReceiveCount: 1, deadLetterQueue });
    expect(await reopened.receive({ maxMessages: 10 })).toEqual([]);
    expect(bodies(deadLetterQueue.list())).toEqual(['poison']);
    expect(reopened.list()).toEqual([]);
  });

  it('redrives dead letters back to the source in order per group with a fresh receive count', async () => {
    const { clock, queue, deadLetterQueue } = withDeadLetterQueue(1);
    await sendAll(queue, 'a', ['a1', 'a2']);
    await sendAll(queue, 'b', ['b1']);
    for (let round = 0; round < 4; round += 1) {
      await queue.receive({ maxMessages: 10 });
      clock.advanceSeconds(30);
    }
    expect(bodies(deadLetterQueue.list())).toHaveLength(3);

    expect(await deadLetterQueue.moveAllTo(queue)).toBe(3);

    expect(deadLetterQueue.list()).toEqual([]);
    const redriven = await queue.receive({ maxMessages: 10 });
    const byGroup = (group: string) =>
      bodies(redriven.filter((message) => message.attributes.MessageGroupId === group));
    expect(byGroup('a')).toEqual(['a1', 'a2']);
    expect(byGroup('b')).toEqual(['b1']);
    expect(redriven.map((message) => message.attributes.ApproximateReceiveCount)).toEqual(['1', '1', '1']);
  });
});

describe('LocalFifoQueue: stats, listing, purge, retention', () => {
  it('counts visible and in-flight messages and the age of the oldest', async () => {
    const { queue, clock } = setup();
    expect(queue.stats()).toEqual({ visible: 0, inFlight: 0, delayed: 0, oldestAgeSeconds: 0 });
    await sendAll(queue, 'a', ['a1']);
    clock.advanceSeconds(10);
    await sendAll(queue, 'b', ['b1', 'b2']);
    await queue.receive({ maxMessages: 1 });

    expect(queue.stats()).toEqual({ visible: 2, inFlight: 1, delayed: 0, oldestAgeSeconds: 10 });
  });

  it('lists messages in sequence order without leasing them', async () => {
    const { queue } = setup();
    await sendAll(queue, 'b', ['b1']);
    await sendAll(queue, 'a', ['a1']);
    await queue.receive({ maxMessages: 1 });

    const listed = queue.list();

    expect(listed.map((message) => [message.body, message.inFlight])).toEqual([
      ['b1', true],
      ['a1', false],
    ]);
    expect(queue.peek(listed[1]!.messageId)?.body).toBe('a1');
    expect(queue.list({ limit: 1 })).toHaveLength(1);
    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['a1']);
  });

  it('purges visible and in-flight messages but keeps deduplication ids', async () => {
    const { queue } = setup();
    await sendAll(queue, 'g', ['m1', 'm2']);
    await queue.receive({ maxMessages: 1 });

    await queue.purge();

    expect(queue.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    expect((await queue.send({ body: 'm1', groupId: 'g', deduplicationId: 'g-m1' })).duplicate).toBe(true);
  });

  it('drops a message older than the retention period instead of delivering it', async () => {
    const { queue, clock } = setup({ retentionSeconds: 60 });
    await sendAll(queue, 'g', ['old']);
    clock.advanceSeconds(30);
    await sendAll(queue, 'g', ['young']);
    clock.advanceSeconds(30);

    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['young']);
    expect(queue.list()).toHaveLength(1);
  });

  it('refuses work once closed', async () => {
    const { queue } = setup();
    await queue.close();
    await expect(queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' })).rejects.toMatchObject({
      code: 'QueueClosed',
    });
  });
});

describe('LocalFifoQueue: long-poll support', () => {
  it('wakes a waiter as soon as a message is sent', async () => {
    const { queue } = setup();
    const started = Date.now();
    const waiting = queue.waitForMessages(5000);

    await sendAll(queue, 'g', ['m1']);
    await waiting;

    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up after the timeout when nothing arrives', async () => {
    const { queue } = setup();
    const started = Date.now();

    await queue.waitForMessages(50);

    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
