import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DEMO_RESET_PATH } from '../../bots/support/password-reset/demo-identity-provider.ts';
import { handleDemoResetRequest } from '../../bots/support/password-reset/demo-reset-route.ts';
import { CHANNEL_SECRET_NAMES } from '../../shared/channels/credentials.ts';
import { AGENT_API, ENV, FUNCTIONS, QUEUES, TABLE, WEBHOOK_ROUTES } from '../../shared/definitions.ts';
import { authorizeLocally, issueLocalToken, type LocalAgent, localSigningKey } from './agent-auth.ts';
import { createLocalConsoleRoutes } from './console-routes.ts';
import { ensureTable, startEmbeddedDynamo } from './embedded-dynamodb.ts';
import { apiGatewayEvent, lambdaContext } from './lambda-events.ts';
import { createQueueRegistry, createSqsHttpListener, queueUrl } from './queue/sqs-endpoint.ts';
import { type Poller, type SqsHandler, startPoller } from './queue-poller.ts';
import { RouteThrottle } from './route-throttle.ts';
import { createMailboxListener, MAILBOX_PATH, Mailbox } from './sandbox/mailbox.ts';
import {
  createPlatformSandboxes,
  type PlatformSandboxes,
  SANDBOX_PATHS,
} from './sandbox/platform-sandboxes.ts';

/** Local defaults; each can be overridden by the environment variable of the same name. */
export const LOCAL_DEFAULTS = {
  PORT: '3000',
  LOCAL_DATA_DIR: '.local',
  TELEGRAM_BOT_TOKEN: '123456789:local-sandbox-token',
  TELEGRAM_WEBHOOK_SECRET: 'local-webhook-secret',
  WHATSAPP_APP_SECRET: 'local-whatsapp-app-secret',
  WHATSAPP_VERIFY_TOKEN: 'local-whatsapp-verify-token',
  WHATSAPP_ACCESS_TOKEN: 'local-whatsapp-access-token',
  MESSENGER_APP_SECRET: 'local-messenger-app-secret',
  MESSENGER_VERIFY_TOKEN: 'local-messenger-verify-token',
  MESSENGER_PAGE_ACCESS_TOKEN: 'local-messenger-page-token',
  TWILIO_ACCOUNT_SID: 'AClocal00000000000000000000000000',
  TWILIO_AUTH_TOKEN: 'local-twilio-auth-token',
} as const satisfies Record<string, string> &
  Record<(typeof CHANNEL_SECRET_NAMES)[keyof typeof CHANNEL_SECRET_NAMES][number], string>;

/** Largest request the local gateway reads; API Gateway's own payload limit is 10 MB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
const SQS_PATH = '/_aws/sqs';
const WEBHOOK_ROUTE_KEYS = new Set(
  Object.values(WEBHOOK_ROUTES).flatMap((route) => route.methods.map((method) => `${method} ${route.path}`)),
);

export interface LocalRuntime {
  readonly url: string;
  readonly sandboxes: PlatformSandboxes;
  /** Where the demo identity provider delivers password-reset links. */
  readonly mailbox: Mailbox;
  /** The embedded DynamoDB's endpoint, for tools and tests that read the table. */
  readonly dynamoEndpoint: string;
  /** A token for an agent, signed by this runtime's local key (what `npm run token` prints). */
  issueAgentToken(agent: LocalAgent, options?: { ttlSeconds?: number }): Promise<string>;
  close(): Promise<void>;
}

export interface LocalRuntimeOptions {
  /** false serves the webhooks without the queue consumers, so a benchmark can measure ingest alone. */
  readonly consumers?: boolean;
}

type HttpHandler = (
  event: ReturnType<typeof apiGatewayEvent>,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * The whole system on one machine: the HTTP routes of API Gateway, the embedded DynamoDB, the
 * durable FIFO queues with their Lambda-style pollers, and the Telegram sandbox. The Lambda
 * handlers are the same modules AWS runs; only their environment points here.
 */
export async function startLocalRuntime(
  env: NodeJS.ProcessEnv = process.env,
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime> {
  const setting = (name: keyof typeof LOCAL_DEFAULTS) => env[name] || LOCAL_DEFAULTS[name];
  const port = Number(setting('PORT'));
  const dataDir = resolve(setting('LOCAL_DATA_DIR'));
  mkdirSync(dataDir, { recursive: true });

  const dynamo = await startEmbeddedDynamo(join(dataDir, 'dynamodb'));
  const registry = createQueueRegistry({ dataDir: join(dataDir, 'queues') });
  const sandboxes = createPlatformSandboxes(
    {
      telegramBotToken: setting('TELEGRAM_BOT_TOKEN'),
      whatsappAccessToken: setting('WHATSAPP_ACCESS_TOKEN'),
      messengerPageAccessToken: setting('MESSENGER_PAGE_ACCESS_TOKEN'),
      twilioAccountSid: setting('TWILIO_ACCOUNT_SID'),
      twilioAuthToken: setting('TWILIO_AUTH_TOKEN'),
    },
    join(dataDir, 'sandbox'),
  );

  const mailbox = new Mailbox(join(dataDir, 'sandbox', 'mailbox.jsonl'));
  // The demo reset page reads the table directly, as the company's own site would its database.
  const resetTableClient = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const mailboxListener = createMailboxListener(mailbox, MAILBOX_PATH);
  let ready = false;
  let webhook: HttpHandler | undefined;
  let agentApi: HttpHandler | undefined;
  const signingKey = await localSigningKey(dataDir);
  const agentRouteThrottle = new RouteThrottle(AGENT_API.routeThrottle);
  const sqsBaseUrl = () => `${url}${SQS_PATH}`;
  const sqsListener = () => createSqsHttpListener(registry, sqsBaseUrl());
  let sqs: ReturnType<typeof createSqsHttpListener> | undefined;
  // LOCAL ONLY: demo sign-in, the customer simulator and the built console's files.
  const consoleRoutes = createLocalConsoleRoutes({
    url: () => url,
    publicBaseUrl: () => env[ENV.publicBaseUrl] || url,
    sandboxes,
    secrets: {
      TELEGRAM_WEBHOOK_SECRET: setting('TELEGRAM_WEBHOOK_SECRET'),
      WHATSAPP_APP_SECRET: setting('WHATSAPP_APP_SECRET'),
      MESSENGER_APP_SECRET: setting('MESSENGER_APP_SECRET'),
      TWILIO_ACCOUNT_SID: setting('TWILIO_ACCOUNT_SID'),
      TWILIO_AUTH_TOKEN: setting('TWILIO_AUTH_TOKEN'),
    },
    issueToken: (agent) => issueLocalToken(signingKey, agent),
  });

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith(SQS_PATH)) {
      sqs ??= sqsListener();
      return sqs(request, response);
    }
    void readBody(request)
      .then(async (body) => {
        if (body === undefined)
          return send(response, 413, {
            error: { code: 'body_too_large', message: 'Request body over 10 MB' },
          });
        if (path === '/health')
          return send(response, ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
        const sandbox = sandboxes.listenerFor(path);
        if (sandbox) return sandbox(request, response, body);
        if (path.startsWith(MAILBOX_PATH)) return mailboxListener(request, response, body);
        if (request.method === 'GET' && path === DEMO_RESET_PATH) {
          const query = new URL(request.url ?? '/', url).searchParams;
          const page = await handleDemoResetRequest(
            {
              client: resetTableClient,
              tableName: TABLE.localName,
            },
            {
              token: query.get('token') ?? undefined,
              ...(request.headers.accept ? { accept: request.headers.accept } : {}),
              ...(request.headers['accept-language']
                ? { acceptLanguage: request.headers['accept-language'] }
                : {}),
            },
            new Date(),
          );
          response.writeHead(page.statusCode, page.headers);
          return response.end(page.body);
        }
        const route = `${request.method} ${path}`;
        if (path === AGENT_API.pathPrefix || path.startsWith(`${AGENT_API.pathPrefix}/`)) {
          if (!ready || !agentApi)
            return send(response, 503, { error: { code: 'starting', message: 'Not ready yet' } });
          const isPublic = (AGENT_API.publicRoutes as readonly string[]).includes(route);
          const routeKey = isPublic ? route : `${request.method} ${AGENT_API.pathPrefix}/{proxy+}`;
          if (!agentRouteThrottle.take(routeKey))
            return send(response, 429, { message: 'Too Many Requests' });
          const event = apiGatewayEvent(request, body, route);
          if (!isPublic) {
            const claims = await authorizeLocally(signingKey, request.headers.authorization);
            // API Gateway's JWT authorizer answers exactly this, without calling the function.
            if (!claims) return send(response, 401, { message: 'Unauthorized' });
            Object.assign(event.requestContext, { authorizer: { jwt: { claims, scopes: [] } } });
          }
          const result = await agentApi(event, lambdaContext('agent-api', FUNCTIONS.agentApi.timeoutSeconds));
          response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
          return response.end(result.body ?? '');
        }
        if (WEBHOOK_ROUTE_KEYS.has(route)) {
          if (!ready || !webhook)
            return send(response, 503, { error: { code: 'starting', message: 'Not ready yet' } });
          const result = await webhook(
            apiGatewayEvent(request, body, route),
            lambdaContext('webhook', FUNCTIONS.webhook.timeoutSeconds),
          );
          response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
          return response.end(result.body ?? '');
        }
        if (await consoleRoutes(request, response, path, body)) return;
        return send(response, 404, { error: { code: 'not_found', message: `No route for ${route}` } });
      })
      .catch((error: unknown) => {
        console.error('local gateway error', error);
        // API Gateway answers an integration failure with a bare 500.
        if (!response.headersSent) send(response, 500, { message: 'Internal Server Error' });
      });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // The handlers read their configuration when first imported, exactly as at a Lambda cold start.
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SQS: sqsBaseUrl(),
    POWERTOOLS_LOG_LEVEL: env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    POWERTOOLS_SERVICE_NAME: 'omnichannel-support-local',
    [ENV.tableName]: TABLE.localName,
    [ENV.inboundQueueUrl]: queueUrl(sqsBaseUrl(), QUEUES.inbound.name),
    [ENV.outboundQueueUrl]: queueUrl(sqsBaseUrl(), QUEUES.outbound.name),
    [ENV.inboundDeadLetterQueueUrl]: queueUrl(sqsBaseUrl(), QUEUES.inbound.deadLetterName),
    [ENV.outboundDeadLetterQueueUrl]: queueUrl(sqsBaseUrl(), QUEUES.outbound.deadLetterName),
    // Every channel's credentials: the environment's, or the local defaults the sandboxes accept.
    ...Object.fromEntries(
      Object.values(CHANNEL_SECRET_NAMES)
        .flat()
        .map((name) => [name, setting(name)]),
    ),
    [ENV.telegramApiUrl]: env[ENV.telegramApiUrl] || `${url}${SANDBOX_PATHS.telegram}`,
    [ENV.graphApiUrl]: env[ENV.graphApiUrl] || `${url}${SANDBOX_PATHS.graph}/v23.0`,
    [ENV.twilioApiUrl]: env[ENV.twilioApiUrl] || `${url}${SANDBOX_PATHS.twilio}`,
    // The demo identity provider delivers reset links to this mailbox.
    MAILBOX_API_URL: env.MAILBOX_API_URL || `${url}${MAILBOX_PATH}`,
    // Twilio signs the URL it called; locally that is this server.
    [ENV.publicBaseUrl]: env[ENV.publicBaseUrl] || url,
  });
  delete process.env[ENV.channelSecretArn];
  await ensureTable(new DynamoDBClient({ endpoint: dynamo.endpoint }), TABLE.localName);

  webhook = (await import('../../functions/webhook/handler.ts')).handler as unknown as HttpHandler;
  agentApi = (await import('../../functions/agent-api/handler.ts')).handler as unknown as HttpHandler;
  const worker = (await import('../../functions/conversation-worker/handler.ts'))
    .handler as unknown as SqsHandler;
  const sender = (await import('../../functions/sender/handler.ts')).handler as unknown as SqsHandler;
  const onError = (error: unknown) => console.error('local function error', error);
  // Lambda's event source mappings; a benchmark of ingest alone runs without them.
  const pollers: Poller[] =
    options.consumers === false
      ? []
      : [
          startPoller({
            queue: registry.get(QUEUES.inbound.name)!,
            handler: worker,
            functionName: 'conversation-worker',
            timeoutSeconds: FUNCTIONS.conversationWorker.timeoutSeconds,
            batchSize: QUEUES.inbound.batchSize,
            concurrency: 4,
            onError,
          }),
          startPoller({
            queue: registry.get(QUEUES.outbound.name)!,
            handler: sender,
            functionName: 'sender',
            timeoutSeconds: FUNCTIONS.sender.timeoutSeconds,
            batchSize: QUEUES.outbound.batchSize,
            concurrency: 4,
            onError,
          }),
        ];
  ready = true;

  return {
    url,
    sandboxes,
    mailbox,
    dynamoEndpoint: dynamo.endpoint,
    issueAgentToken: (agent, options) => issueLocalToken(signingKey, agent, options),
    async close() {
      ready = false;
      await Promise.all(pollers.map((poller) => poller.stop()));
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
      await registry.close();
      await dynamo.close();
    },
  };
}

function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
