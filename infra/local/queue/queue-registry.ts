/**
 * The local runtime's queues, built from shared/definitions.ts so they cannot drift from the CDK
 * stack: each FIFO queue with its dead-letter queue, wired with the same receive count,
 * visibility timeout and retention. Each queue keeps its journal in `${dataDir}/${queueName}/`.
 */
import { join } from 'node:path';
import { DEAD_LETTER_RETENTION_SECONDS, QUEUES } from '../../../shared/definitions.ts';
import { LocalFifoQueue } from './fifo-queue.ts';
import { LOCAL_ACCOUNT_ID } from './message-types.ts';

export const LOCAL_REGION = 'us-east-1';

export function queueArn(queueName: string): string {
  return `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${queueName}`;
}

export interface QueueRegistry {
  /** By queue name, source queues and dead-letter queues alike. */
  readonly queues: ReadonlyMap<string, LocalFifoQueue>;
  get(queueName: string): LocalFifoQueue | undefined;
  /** Flushes and closes every journal. */
  close(): Promise<void>;
}

export interface QueueRegistryOptions {
  dataDir: string;
  /** Epoch milliseconds; injectable for tests. */
  now?: () => number;
  /** Deduplication window; defaults to LOCAL_QUEUE_DEDUP_WINDOW_SECONDS, else SQS's five minutes. */
  dedupWindowSeconds?: number;
}

/** Env override of the local queues' deduplication window (the load tool's late duplicates). */
export const DEDUP_WINDOW_ENV = 'LOCAL_QUEUE_DEDUP_WINDOW_SECONDS';

export function createQueueRegistry(options: QueueRegistryOptions): QueueRegistry {
  const fromEnv = Number(process.env[DEDUP_WINDOW_ENV]);
  const dedupWindowSeconds = options.dedupWindowSeconds ?? (fromEnv > 0 ? fromEnv : undefined);
  const shared = { now: options.now, ...(dedupWindowSeconds ? { dedupWindowSeconds } : {}) };
  const queues = new Map<string, LocalFifoQueue>();
  const deadLetterQueues: LocalFifoQueue[] = [];
  for (const definition of Object.values(QUEUES)) {
    const deadLetterQueue = new LocalFifoQueue({
      name: definition.deadLetterName,
      dir: join(options.dataDir, definition.deadLetterName),
      visibilityTimeoutSeconds: definition.visibilityTimeoutSeconds,
      retentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
      ...shared,
    });
    const queue = new LocalFifoQueue({
      name: definition.name,
      dir: join(options.dataDir, definition.name),
      visibilityTimeoutSeconds: definition.visibilityTimeoutSeconds,
      retentionSeconds: definition.retentionSeconds,
      maxReceiveCount: definition.maxReceiveCount,
      deadLetterQueue,
      ...shared,
    });
    queues.set(queue.name, queue);
    queues.set(deadLetterQueue.name, deadLetterQueue);
    deadLetterQueues.push(deadLetterQueue);
  }
  return {
    queues,
    get: (queueName) => queues.get(queueName),
    close: async () => {
      // Sources first: a receive in progress may still be moving a message into its DLQ.
      const sources = [...queues.values()].filter((queue) => !deadLetterQueues.includes(queue));
      await Promise.all(sources.map((queue) => queue.close()));
      await Promise.all(deadLetterQueues.map((queue) => queue.close()));
    },
  };
}
