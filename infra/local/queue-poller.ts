import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext, sqsEvent } from './lambda-events.ts';
import type { LocalFifoQueue } from './queue/fifo-queue.ts';
import { queueArn } from './queue/queue-registry.ts';

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface PollerOptions {
  readonly queue: LocalFifoQueue;
  readonly handler: SqsHandler;
  readonly functionName: string;
  readonly timeoutSeconds: number;
  readonly batchSize: number;
  /** Concurrent invocations, as Lambda would scale out across message groups. */
  readonly concurrency: number;
  readonly onError: (error: unknown) => void;
}

export interface Poller {
  stop(): Promise<void>;
}

/**
 * One step of Lambda's SQS event source mapping: receive a batch, invoke the handler, delete the
 * records it did not report as failed. Failed records stay invisible until their visibility
 * timeout ends, exactly as on AWS, and reach the dead-letter queue after maxReceiveCount.
 * Returns how many records were received.
 */
export async function pollOnce(options: Omit<PollerOptions, 'concurrency'>): Promise<number> {
  const messages = await options.queue.receive({ maxMessages: options.batchSize });
  if (messages.length === 0) return 0;
  let failed: Set<string>;
  try {
    const response = await options.handler(
      sqsEvent(queueArn(options.queue.name), messages),
      lambdaContext(options.functionName, options.timeoutSeconds),
    );
    failed = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
  } catch (error) {
    // A thrown invocation fails the whole batch, as on AWS.
    failed = new Set(messages.map((message) => message.messageId));
    options.onError(error);
  }
  for (const message of messages) {
    if (failed.has(message.messageId)) continue;
    // A handler that outran the visibility timeout holds a stale handle; SQS refuses that delete
    // too, and the record is simply delivered again (the handlers are idempotent).
    await options.queue.delete(message.receiptHandle).catch(options.onError);
  }
  return messages.length;
}

/** Runs `pollOnce` in `concurrency` loops until stopped, waiting for messages when the queue is empty. */
export function startPoller(options: PollerOptions): Poller {
  let stopped = false;
  const loop = async (): Promise<void> => {
    while (!stopped) {
      if ((await pollOnce(options)) === 0) await options.queue.waitForMessages(250);
    }
  };
  const loops = Array.from({ length: options.concurrency }, () =>
    loop().catch((error: unknown) => {
      if (!stopped) options.onError(error);
    }),
  );
  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}
