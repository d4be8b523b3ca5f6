import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { createSupportBot } from '../../bots/support/index.ts';
import { pipelineConfig } from '../../shared/config.ts';
import { logger } from '../../shared/observability/logger.ts';
import { handleInboundEvent } from '../../shared/pipeline/handle-inbound-event.ts';
import { parseInboundEnvelope } from '../../shared/queue/envelopes.ts';
import { sendToFifoQueue, sqsClient } from '../../shared/queue/fifo-sender.ts';
import { documentClient } from '../../shared/store/dynamo.ts';

const config = pipelineConfig();
const table = { client: documentClient(), tableName: config.tableName };
const deps = {
  table,
  bot: createSupportBot(table),
  enqueueOutbound: (messages: Parameters<typeof sendToFifoQueue>[2]) =>
    sendToFifoQueue(sqsClient(), config.outboundQueueUrl, messages),
  now: () => new Date(),
};

async function handleRecord(record: SQSRecord): Promise<void> {
  const envelope = parseInboundEnvelope(record.body);
  const result = await handleInboundEvent(envelope, deps);
  logger.info('inbound event', {
    eventId: envelope.event.eventId,
    kind: envelope.event.kind,
    result,
    correlationId: envelope.correlationId,
  });
}

/** SQS inbound → one conversation step per record; a failed record holds back only its own group. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
    }),
  );
