import { pipelineConfig } from '../../shared/config.ts';
import { pipelineMetrics } from '../../shared/observability/metrics.ts';
import { holdRecord, parkInDeadLetterQueue, waitingMessages } from '../../shared/queue/dead-letter.ts';
import { sqsClient } from '../../shared/queue/fifo-sender.ts';
import { documentClient } from '../../shared/store/dynamo.ts';
import { createSenderHandler } from './create-handler.ts';
import { outboundAdapters } from './outbound-adapters.ts';

const config = pipelineConfig();

export const handler = createSenderHandler(
  {
    table: { client: documentClient(), tableName: config.tableName },
    adapters: outboundAdapters(),
    now: () => new Date(),
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    // A few short throttles are waited out here; longer ones go back to the queue.
    maxRetryWaitMs: 5_000,
    inboundBacklog: () => waitingMessages(sqsClient(), config.inboundQueueUrl),
  },
  {
    park: (record) => parkInDeadLetterQueue(sqsClient(), config.outboundDeadLetterQueueUrl, record),
    retryLater: (record, seconds) => holdRecord(sqsClient(), config.outboundQueueUrl, record, seconds),
  },
  pipelineMetrics(),
);
