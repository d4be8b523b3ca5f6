import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import {
  type ConversationWorkerDeps,
  handleInboundEvent,
} from '../../shared/pipeline/handle-inbound-event.ts';
import { MalformedQueueMessageError, parseInboundEnvelope } from '../../shared/queue/envelopes.ts';

/**
 * SQS inbound → one conversation step per record. Records are processed in order; a failed record
 * is reported (partial batch response) together with the rest of its message group, which must
 * wait behind it, while other groups in the batch go on.
 */
export function createConversationWorkerHandler(
  deps: ConversationWorkerDeps,
  park: (record: SQSRecord) => Promise<void>,
) {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let envelope: ReturnType<typeof parseInboundEnvelope>;
    try {
      envelope = parseInboundEnvelope(record.body);
    } catch (error) {
      if (!(error instanceof MalformedQueueMessageError)) throw error;
      await park(record);
      logger.error('parked a malformed queue record in the dead-letter queue', {
        messageId: record.messageId,
      });
      return;
    }
    const result = await handleInboundEvent(envelope, deps);
    logger.info('inbound event', {
      eventId: envelope.event.eventId,
      kind: envelope.event.kind,
      result,
      correlationId: envelope.correlationId,
    });
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
