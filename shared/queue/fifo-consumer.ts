import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../observability/logger.ts';
import { MalformedQueueMessageError } from './envelopes.ts';

/** The work cannot be done yet (a platform throttle longer than one attempt may wait): hold the record. */
export class RetryLaterError extends Error {
  override readonly name = 'RetryLaterError';
  constructor(
    message: string,
    /** How long the record should stay invisible before the next attempt. */
    readonly delaySeconds: number,
    options?: { cause: unknown },
  ) {
    super(message, options);
  }
}

export interface FifoConsumerOptions<T> {
  /** Reads a record's body; throws MalformedQueueMessageError for anything that is not ours. */
  readonly parse: (body: string) => T;
  readonly handle: (message: T, record: SQSRecord) => Promise<void>;
  /** Moves a record that can never be processed to the dead-letter queue. */
  readonly park: (record: SQSRecord) => Promise<void>;
  /** Keeps a record invisible for `seconds` (SQS ChangeMessageVisibility) before it is retried. */
  readonly retryLater?: (record: SQSRecord, seconds: number) => Promise<void>;
}

/**
 * The one SQS FIFO consumer shape both queues use: records in order, a failed record reported
 * (partial batch response) together with the rest of its group, which must wait behind it, while
 * other groups go on. Malformed records are parked at once, since failing them would hold their
 * group for maxReceiveCount attempts and push its healthy records into the dead-letter queue too.
 */
export function createFifoConsumer<T>(options: FifoConsumerOptions<T>) {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let message: T;
    try {
      message = options.parse(record.body);
    } catch (error) {
      if (!(error instanceof MalformedQueueMessageError)) throw error;
      await options.park(record);
      logger.error('parked a malformed queue record in the dead-letter queue', {
        messageId: record.messageId,
      });
      return;
    }
    try {
      await options.handle(message, record);
    } catch (error) {
      if (error instanceof RetryLaterError && options.retryLater) {
        await options.retryLater(record, error.delaySeconds);
      }
      throw error;
    }
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler((event, context) =>
      processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
        context,
        skipGroupOnError: true,
        // One poisoned group must not fail the whole invocation: report it and let the rest go.
        throwOnFullBatchFailure: false,
      }),
    );
}
