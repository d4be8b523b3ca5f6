import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { LocalFifoQueue, type LocalFifoQueueOptions } from '../../../../infra/local/queue/fifo-queue.ts';
import type { ReceivedMessage } from '../../../../infra/local/queue/message-types.ts';

/** A clock the tests move by hand; starts at a fixed, realistic epoch. */
export class TestClock {
  private current = Date.UTC(2025, 0, 1);
  readonly now = (): number => this.current;
  advanceSeconds(seconds: number): void {
    this.current += seconds * 1000;
  }
}

const directories: string[] = [];
const queues: LocalFifoQueue[] = [];

afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

export function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'local-queue-'));
  directories.push(directory);
  return directory;
}

/** Opens a queue that the test cleanup closes; dropping it without close stands in for a crash. */
export function openQueue(
  dir: string,
  clock: TestClock,
  options: Partial<Omit<LocalFifoQueueOptions, 'dir' | 'now'>> = {},
): LocalFifoQueue {
  const queue = new LocalFifoQueue({
    name: 'test.fifo',
    visibilityTimeoutSeconds: 30,
    retentionSeconds: 4 * 24 * 60 * 60,
    ...options,
    dir,
    now: clock.now,
  });
  queues.push(queue);
  return queue;
}

export function bodies(messages: readonly { body: string }[]): string[] {
  return messages.map((message) => message.body);
}

export async function sendAll(queue: LocalFifoQueue, groupId: string, messageBodies: readonly string[]) {
  for (const body of messageBodies)
    await queue.send({ body, groupId, deduplicationId: `${groupId}-${body}` });
}

/** Receives one at a time and deletes, until the queue has nothing visible. */
export async function drain(queue: LocalFifoQueue): Promise<ReceivedMessage[]> {
  const seen: ReceivedMessage[] = [];
  for (;;) {
    const [message] = await queue.receive({ maxMessages: 1 });
    if (!message) return seen;
    seen.push(message);
    await queue.delete(message.receiptHandle);
  }
}
