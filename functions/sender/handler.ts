import { telegramCredentials } from '../../shared/channels/credentials.ts';
import { telegramOutboundAdapter } from '../../shared/channels/telegram/outbound.ts';
import { TELEGRAM_DEFAULT_API_URL } from '../../shared/channels/telegram/send.ts';
import { optionalEnv, pipelineConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/definitions.ts';
import { parkInDeadLetterQueue } from '../../shared/queue/dead-letter.ts';
import { sqsClient } from '../../shared/queue/fifo-sender.ts';
import { documentClient } from '../../shared/store/dynamo.ts';
import { createSenderHandler } from './create-handler.ts';

const config = pipelineConfig();

export const handler = createSenderHandler(
  {
    table: { client: documentClient(), tableName: config.tableName },
    adapters: {
      telegram: telegramOutboundAdapter({
        credentials: () => telegramCredentials(),
        apiUrl: optionalEnv(ENV.telegramApiUrl) ?? TELEGRAM_DEFAULT_API_URL,
      }),
    },
    now: () => new Date(),
    sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    // A few short throttles are waited out here; longer ones go back to the queue.
    maxRetryWaitMs: 5_000,
  },
  (record) => parkInDeadLetterQueue(sqsClient(), config.outboundDeadLetterQueueUrl, record),
);
