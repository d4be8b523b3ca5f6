import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { telegramCredentials } from '../../shared/channels/credentials.ts';
import { telegramOutboundAdapter } from '../../shared/channels/telegram/outbound.ts';
import { TELEGRAM_DEFAULT_API_URL } from '../../shared/channels/telegram/send.ts';
import { optionalEnv, pipelineConfig } from '../../shared/config.ts';
import { ENV } from '../../shared/definitions.ts';
import { logger } from '../../shared/observability/logger.ts';
import { deliverOutbound } from '../../shared/pipeline/deliver-outbound.ts';
import { parseOutboundEnvelope } from '../../shared/queue/envelopes.ts';
import { documentClient } from '../../shared/store/dynamo.ts';

const config = pipelineConfig();
const deps = {
  table: { client: documentClient(), tableName: config.tableName },
  adapters: {
    telegram: telegramOutboundAdapter({
      credentials: () => telegramCredentials(),
      apiUrl: optionalEnv(ENV.telegramApiUrl) ?? TELEGRAM_DEFAULT_API_URL,
    }),
  },
  now: () => new Date(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  maxRetryWaitMs: 10_000,
};

async function handleRecord(record: SQSRecord): Promise<void> {
  const envelope = parseOutboundEnvelope(record.body);
  const result = await deliverOutbound(envelope, deps);
  logger.info('outbound', { kind: envelope.work.kind, result, correlationId: envelope.correlationId });
}

/** SQS outbound → platform send API, with the attempt recorded before the call. */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(injectLambdaContext(logger))
  .handler((event, context) =>
    processPartialResponse(event, handleRecord, new SqsFifoPartialProcessorAsync(), {
      context,
      skipGroupOnError: true,
    }),
  );
