import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { optionalEnv, requireEnv } from '../../shared/config.ts';
import { ENV, WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../../shared/http/api-gateway.ts';
import { errorResponse } from '../../shared/http/types.ts';
import { logger } from '../../shared/observability/logger.ts';
import { METRIC, pipelineMetrics } from '../../shared/observability/metrics.ts';
import { receiveWebhook } from '../../shared/pipeline/receive-webhook.ts';
import { sendToFifoQueue, sqsClient } from '../../shared/queue/fifo-sender.ts';
import { inboundAdapters } from './inbound-adapters.ts';

const inboundQueueUrl = requireEnv(ENV.inboundQueueUrl);
const adapters = inboundAdapters();
const metrics = pipelineMetrics();
const channelByPath = new Map(
  (Object.entries(WEBHOOK_ROUTES) as [WebhookChannel, { path: string }][]).map(([channel, route]) => [
    route.path,
    channel,
  ]),
);
const deps = {
  enqueue: (messages: Parameters<typeof sendToFifoQueue>[2]) =>
    sendToFifoQueue(sqsClient(), inboundQueueUrl, messages),
  now: () => new Date(),
  credentialsCanRotate: optionalEnv(ENV.channelSecretArn) !== undefined,
};

/** GET|POST /webhooks/{channel}: handshake, or verify, normalise, enqueue, 200. */
export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    const request = fromApiGatewayEvent(event);
    // The API Gateway request id: it travels in the queue envelopes to the worker and the sender.
    logger.setCorrelationId(request.requestId);
    const channel = channelByPath.get(request.path);
    const adapter = channel ? adapters[channel] : undefined;
    if (!channel || !adapter)
      return toApiGatewayResult(errorResponse(404, 'unknown_route', 'No webhook at this path'));
    const outcome = await receiveWebhook(request, adapter, deps);
    if (outcome.error)
      logger.error(`webhook failed: ${outcome.rejected}`, {
        channel,
        requestId: request.requestId,
        error: outcome.error,
      });
    if (outcome.rejected)
      metrics.count(METRIC.webhookRejected, { Channel: channel, Reason: outcome.rejected });
    logger.info('webhook', {
      channel,
      requestId: request.requestId,
      method: request.method,
      status: outcome.response.statusCode,
      accepted: outcome.accepted,
      ...(outcome.rejected ? { rejected: outcome.rejected } : {}),
    });
    return toApiGatewayResult(outcome.response);
  });
