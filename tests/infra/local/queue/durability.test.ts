import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodies, drain, openQueue, sendAll, TestClock, temporaryDirectory } from './helpers.ts';

const repositoryRoot = join(import.meta.dirname, '../../../..');

function journalLines(path: string): number {
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).length;
}

describe('LocalFifoQueue durability', () => {
  it('keeps every acknowledged send when the instance is dropped without closing', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const crashed = openQueue(dir, clock);
    const names = Array.from({ length: 25 }, (_, index) => `m${index}`);
    await Promise.all(names.map((body) => crashed.send({ body, groupId: 'g', deduplicationId: body })));

    const reopened = openQueue(dir, clock);

    expect(bodies(await drain(reopened))).toEqual(names);
  });

  it('keeps deletes across a restart', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const crashed = openQueue(dir, clock);
    await sendAll(crashed, 'g', ['m1', 'm2', 'm3']);
    const [first] = await crashed.receive({ maxMessages: 1 });
    await crashed.delete(first!.receiptHandle);

    const reopened = openQueue(dir, clock);

    expect(bodies(await drain(reopened))).toEqual(['m2', 'm3']);
  });

  it('keeps deduplication ids across a restart, for their five minutes only', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const crashed = openQueue(dir, clock);
    const original = await crashed.send({ body: 'x', groupId: 'g', deduplicationId: 'd' });
    await drain(crashed);
    clock.advanceSeconds(120);

    const reopened = openQueue(dir, clock);
    const repeat = await reopened.send({ body: 'x', groupId: 'g', deduplicationId: 'd' });
    clock.advanceSeconds(180);
    const afterWindow = await reopened.send({ body: 'x', groupId: 'g', deduplicationId: 'd' });

    expect(repeat).toMatchObject({ duplicate: true, messageId: original.messageId });
    expect(afterWindow.duplicate).toBe(false);
  });

  it('keeps sequence numbers rising after a restart even when the queue was empty', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const crashed = openQueue(dir, clock);
    const before = await crashed.send({ body: 'x', groupId: 'g', deduplicationId: 'd1' });
    await drain(crashed);
    clock.advanceSeconds(600);

    const after = await openQueue(dir, clock).send({ body: 'y', groupId: 'g', deduplicationId: 'd2' });

    expect(BigInt(after.sequenceNumber)).toBeGreaterThan(BigInt(before.sequenceNumber));
  });

  it('makes messages in flight at the crash visible at once on restart, keeping their receive count', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const crashed = openQueue(dir, clock, { visibilityTimeoutSeconds: 180 });
    await sendAll(crashed, 'g', ['m1', 'm2']);
    await crashed.receive({ maxMessages: 10 });

    const reopened = openQueue(dir, clock, { visibilityTimeoutSeconds: 180 });
    const redelivered = await reopened.receive({ maxMessages: 10 });

    expect(bodies(redelivered)).toEqual(['m1', 'm2']);
    expect(redelivered.map((message) => message.attributes.ApproximateReceiveCount)).toEqual(['2', '2']);
  });

  it('still parks a message in the dead-letter queue when every receive of it crashes the process', async () => {
    const clock = new TestClock();
    const dir = temporaryDirectory();
    const deadLetterDir = temporaryDirectory();
    const open = () => {
      const deadLetterQueue = openQueue(deadLetterDir, clock, { name: 'test-dlq.fifo' });
      return { deadLetterQueue, queue: openQueue(dir, clock, { maxReceiveCount: 2, deadLetterQueue }) };
    };
    await sendAll(open().queue, 'g', ['poison', 'next']);

    for (let crash = 0; crash < 2; crash += 1) {
      expect(bodies(await open().queue.receive({ maxMessages: 1 }))).toEqual(['poison']);
    }
    const { queue, deadLetterQueue } = open();

    expect(bodies(await queue.receive({ maxMessages: 10 }))).toEqual(['next']);
    expect(bodies(deadLetterQueue.list())).toEqual(['poison']);
    expect(bodies(open().deadLetterQueue.list())).toEqual(['poison']);
  });

  it('ignores a torn last journal line and keeps appending durably after it', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const first = openQueue(dir, clock);
    await sendAll(first, 'g', ['m1', 'm2']);
    await first.close();
    appendFileSync(first.journalFile, '{"t":"send","id":"torn","seq":99,"g":"g","d":"torn","b":"par');

    const second = openQueue(dir, clock);
    expect(bodies(second.list())).toEqual(['m1', 'm2']);
    await sendAll(second, 'g', ['m3']);
    const third = openQueue(dir, clock);

    expect(bodies(await drain(third))).toEqual(['m1', 'm2', 'm3']);
  });

  it('stops reading at a corrupt record, which can only be an unacknowledged tail', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const first = openQueue(dir, clock);
    await sendAll(first, 'g', ['m1']);
    await first.close();
    appendFileSync(first.journalFile, '\0\0\0\0\n{"t":"del","id":"whatever"}\n');

    expect(bodies(openQueue(dir, clock).list())).toEqual(['m1']);
  });

  it('compacts the journal once it has grown well past its last snapshot', async () => {
    const dir = temporaryDirectory();
    const clock = new TestClock();
    const queue = openQueue(dir, clock, { compactAfterRecords: 20 });
    for (let round = 0; round < 10; round += 1) {
      await sendAll(queue, 'g', [`a${round}`, `b${round}`, `c${round}`]);
      const batch = await queue.receive({ maxMessages: 2 });
      for (const message of batch) await queue.delete(message.receiptHandle);
      // Past the deduplication window, so old ids drop out of snapshots too.
      clock.advanceSeconds(301);
    }

    // 61 lines without compaction (60 records and a header); a snapshot is 10 messages and a few ids.
    expect(journalLines(queue.journalFile)).toBeLessThan(35);
    expect(bodies(openQueue(dir, clock).list())).toEqual(bodies(queue.list()));
    expect(queue.list()).toHaveLength(10);
  });

  it('loses no acknowledged send when a sending process is SIGKILLed', async () => {
    const dir = temporaryDirectory();
    const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
    const child = spawn(tsx, [join(import.meta.dirname, 'fixtures/send-until-killed.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acknowledged: number[] = [];
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) acknowledged.push(Number(line.replace('sent ', '')));
        // Kill mid-stream, while later sends are still being written.
        if (acknowledged.length >= 60) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child exited early: ${errors}`)));
    });
    expect(await exited).toBe('SIGKILL');

    const survivors = openQueue(dir, new TestClock()).list();

    const present = new Set(bodies(survivors));
    expect(acknowledged.filter((n) => !present.has(`m${n}`))).toEqual([]);
    for (const group of ['g0', 'g1', 'g2']) {
      const order = survivors
        .filter((message) => message.groupId === group)
        .map((message) => Number(message.body.slice(1)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });
});
