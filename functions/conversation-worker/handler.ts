import { createSupportBot } from '../../bots/support/index.ts';
import { redactSecrets } from '../../bots/support/nlu/index.ts';
import { complianceKeyword } from '../../shared/channels/sms/compliance.ts';
import { pipelineConfig } from '../../shared/config.ts';
import { pipelineMetrics } from '../../shared/observability/metrics.ts';
import { parkInDeadLetterQueue } from '../../shared/queue/dead-letter.ts';
import { sendToFifoQueue, sqsClient } from '../../shared/queue/fifo-sender.ts';
import { documentClient } from '../../shared/store/dynamo.ts';
import { createConversationWorkerHandler } from './create-handler.ts';

const config = pipelineConfig();
const table = { client: documentClient(), tableName: config.tableName };

export const handler = createConversationWorkerHandler(
  {
    table,
    bot: createSupportBot(table),
    enqueueOutbound: (messages) => sendToFifoQueue(sqsClient(), config.outboundQueueUrl, messages),
    now: () => new Date(),
    complianceKeyword,
    redactSecrets,
  },
  (record) => parkInDeadLetterQueue(sqsClient(), config.inboundDeadLetterQueueUrl, record),
  pipelineMetrics(),
);
