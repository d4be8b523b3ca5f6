import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger } from '../../shared/observability/logger.ts';
import { deliverOutbound, type SenderDeps } from '../../shared/pipeline/deliver-outbound.ts';
import { MalformedQueueMessageError, parseOutboundEnvelope } from '../../shared/queue/envelopes.ts';

/** SQS outbound → platform send API, with the attempt recorded before the call. */
export function createSenderHandler(deps: SenderDeps, park: (record: SQSRecord) => Promise<void>) {
  const handleRecord = async (record: SQSRecord): Promise<void> => {
    let envelope: ReturnType<typeof parseOutboundEnvelope>;
    try {
      envelope = parseOutboundEnvelope(record.body);
    } catch (error) {
      if (!(error instanceof MalformedQueueMessageError)) throw error;
      await park(record);
      logger.error('parked a malformed queue record in the dead-letter queue', {
        messageId: record.messageId,
      });
      return;
    }
    const result = await deliverOutbound(envelope, deps);
    logger.info('outbound', { kind: envelope.work.kind, result, correlationId: envelope.correlationId });
  };
  return middy<SQSEvent, SQSBatchResponse>()
    .use(injectLambdaContext(logger))
    .handler((event, context) =>
      processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
        context,
        skipGroupOnError: true,
        throwOnFullBatchFailure: false,
      }),
    );
}
