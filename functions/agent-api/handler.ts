import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { COPY } from '../../bots/support/copy.ts';
import { TEAMS } from '../../bots/support/routing.ts';
import { surveyInvitation } from '../../bots/support/support-bot.ts';
import { type CannedReplies, handleAgentRequest } from '../../shared/agent-api/agent-api.ts';
import { principalFromClaims } from '../../shared/agent-api/principal.ts';
import { optionalEnv, pipelineConfig } from '../../shared/config.ts';
import { AGENT_API, ENV } from '../../shared/definitions.ts';
import type { Language } from '../../shared/domain/channel.ts';
import { fromApiGatewayEvent, toApiGatewayResult } from '../../shared/http/api-gateway.ts';
import { logger } from '../../shared/observability/logger.ts';
import { sendToFifoQueue, sqsClient } from '../../shared/queue/fifo-sender.ts';
import { documentClient } from '../../shared/store/dynamo.ts';
import canned from './canned-replies.json' with { type: 'json' };

const config = pipelineConfig();
const deps = {
  table: { client: documentClient(), tableName: config.tableName },
  enqueueOutbound: (messages: Parameters<typeof sendToFifoQueue>[2]) =>
    sendToFifoQueue(sqsClient(), config.outboundQueueUrl, messages),
  now: () => new Date(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  teams: TEAMS,
  cannedReplies: canned.replies as CannedReplies,
  surveyInvitation,
  linkCodeText: (language: Language, code: string) => COPY[language].linkCodeIssued(code),
  whatsappTemplateConfigured: optionalEnv(ENV.whatsappTemplateName) !== undefined,
  events: {
    pollIntervalMs: AGENT_API.eventsPollIntervalMs,
    settleMs: AGENT_API.eventsSettleMs,
    maxWaitSeconds: AGENT_API.eventsMaxWaitSeconds,
  },
};

/** /api/*: the JWT was verified by API Gateway's authorizer; its claims say who is asking. */
export const handler = middy<APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const request = fromApiGatewayEvent(event as never);
    const principal = principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
    const response = await handleAgentRequest(request, principal, deps);
    // Ids and outcomes only: message text and customers' numbers stay out of logs.
    logger.info('agent api', {
      route: `${request.method} ${request.path}`,
      status: response.statusCode,
      ...(principal ? { agentId: principal.agentId } : {}),
    });
    return toApiGatewayResult(response);
  });
