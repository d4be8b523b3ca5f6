import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { telegramCredentials } from '../../shared/channels/credentials.ts';
import type { InboundAdapter } from '../../shared/channels/inbound-adapter.ts';
import { telegramInboundAdapter } from '../../shared/channels/telegram/inbound.ts';
import { optionalEnv, requireEnv } from '../../shared/config.ts';
import { ENV, ROUTES } from '../../shared/definitions.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../../shared/http/api-gateway.ts';
import { errorResponse } from '../../shared/http/types.ts';
import { logger } from '../../shared/observability/logger.ts';
import { receiveWebhook } from '../../shared/pipeline/receive-webhook.ts';
import { sendToFifoQueue, sqsClient } from '../../shared/queue/fifo-sender.ts';

const inboundQueueUrl = requireEnv(ENV.inboundQueueUrl);
const adapters: Record<string, InboundAdapter | undefined> = {
  [ROUTES.telegramWebhook.path]: telegramInboundAdapter(telegramCredentials),
};
const deps = {
  enqueue: (messages: Parameters<typeof sendToFifoQueue>[2]) =>
    sendToFifoQueue(sqsClient(), inboundQueueUrl, messages),
  now: () => new Date(),
  credentialsCanRotate: optionalEnv(ENV.channelSecretArn) !== undefined,
};

/** POST /webhooks/{channel}: verify, normalise, enqueue, 200. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const request = fromApiGatewayEvent(event);
    const adapter = adapters[request.path];
    if (!adapter) return toApiGatewayResult(errorResponse(404, 'unknown_route', 'No webhook at this path'));
    const outcome = await receiveWebhook(request, adapter, deps);
    if (outcome.error)
      logger.error('webhook could not enqueue', { channel: adapter.channel, error: outcome.error });
    logger.info('webhook', {
      channel: adapter.channel,
      status: outcome.response.statusCode,
      accepted: outcome.accepted,
      ...(outcome.rejected ? { rejected: outcome.rejected } : {}),
    });
    return toApiGatewayResult(outcome.response);
  });
