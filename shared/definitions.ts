/**
 * The durable parts of the system, defined once. The CDK app and the local runtime both read this
 * module, so the table and queues cannot drift between AWS and a laptop.
 */

/** The single DynamoDB table. Keys are private to shared/store; everything else speaks domain types. */
export const TABLE = {
  /** Logical name; CDK lets CloudFormation name the table, the local runtime uses this name. */
  localName: 'omnichannel-support',
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds. DynamoDB deletes expired items lazily, so readers also filter `expiresAt > now`. */
  timeToLiveAttribute: 'expiresAt',
  /**
   * Sparse global secondary indexes over conversations, kept in the same UpdateItem as the owner:
   * - byTeam: `TEAM#<team>#<owner kind>` → the queue in priority order, or a team's list by recency;
   * - byAssignee: `AGENT#<agent id>` → the conversations an agent holds, by recency.
   */
  indexes: {
    byTeam: { name: 'byTeam', partitionKey: 'teamKey', sortKey: 'teamSort' },
    byAssignee: { name: 'byAssignee', partitionKey: 'assigneeKey', sortKey: 'assigneeSort' },
  },
} as const;

/** How long a claimed provider event id is remembered: platforms redeliver for up to 7 days. */
export const EVENT_CLAIM_TTL_SECONDS = 8 * 24 * 60 * 60;

export type QueueName = 'inbound' | 'outbound';

export interface QueueDefinition {
  /** SQS FIFO queue name (must end in .fifo). */
  readonly name: string;
  readonly deadLetterName: string;
  /** Seconds; at least 6x the consumer's timeout, as AWS recommends for Lambda event sources. */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a record is parked in the dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly retentionSeconds: number;
  /** Records handed to one consumer invocation. */
  readonly batchSize: number;
}

/** Consumer timeouts, seconds. The queue visibility timeouts below are derived from them. */
export const FUNCTION_TIMEOUT_SECONDS = {
  webhook: 10,
  conversationWorker: 30,
  sender: 30,
  /** Under API Gateway's 30 s integration limit, with room for the 20 s long poll of /api/events. */
  agentApi: 25,
} as const;

/**
 * How long the sender waits, after finding a send that died mid-call, for a platform that reports
 * every message it accepts (WhatsApp, Messenger, SMS) to report that one, before sending it again.
 * Those reports normally arrive within seconds; two minutes also covers a backed-up inbound queue.
 */
export const INTERRUPTED_SEND_SETTLE_SECONDS = 120;
/** The longest single hold while reports may sit behind an inbound backlog (each hold doubles). */
export const INTERRUPTED_SEND_MAX_HOLD_SECONDS = 15 * 60;

export const QUEUES: Record<QueueName, QueueDefinition> = {
  inbound: {
    name: 'inbound.fifo',
    deadLetterName: 'inbound-dlq.fifo',
    visibilityTimeoutSeconds: 6 * FUNCTION_TIMEOUT_SECONDS.conversationWorker,
    maxReceiveCount: 5,
    retentionSeconds: 4 * 24 * 60 * 60,
    batchSize: 10,
  },
  outbound: {
    name: 'outbound.fifo',
    deadLetterName: 'outbound-dlq.fifo',
    visibilityTimeoutSeconds: 6 * FUNCTION_TIMEOUT_SECONDS.sender,
    // Holds count as receives too (a platform's throttle, a report awaited after an interrupted
    // send), so the sender gets more than the worker; a failing record still parks within ~25 min.
    maxReceiveCount: 8,
    retentionSeconds: 4 * 24 * 60 * 60,
    batchSize: 10,
  },
};

/** SQS keeps a FIFO deduplication id for five minutes; longer horizons need the durable claim. */
export const FIFO_DEDUP_WINDOW_SECONDS = 5 * 60;
/** SQS dead-letter queues keep messages for 14 days, the maximum. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 60 * 60;

/** Lambda functions: entry file relative to the repository root, and their sizing. */
export const FUNCTIONS = {
  webhook: {
    entry: 'functions/webhook/handler.ts',
    memoryMb: 256,
    timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.webhook,
  },
  conversationWorker: {
    entry: 'functions/conversation-worker/handler.ts',
    memoryMb: 512,
    timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.conversationWorker,
  },
  sender: {
    entry: 'functions/sender/handler.ts',
    memoryMb: 256,
    timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.sender,
  },
  agentApi: {
    entry: 'functions/agent-api/handler.ts',
    memoryMb: 256,
    timeoutSeconds: FUNCTION_TIMEOUT_SECONDS.agentApi,
  },
} as const;

/**
 * The agent API: every route under /api, behind the JWT authorizer except the OpenAPI document.
 * The same paths answer locally, where the local gateway verifies tokens signed by the local key.
 */
export const AGENT_API = {
  pathPrefix: '/api',
  publicRoutes: ['GET /api/openapi.json'],
  /** Longest long poll of GET /api/events; the console asks again right away. */
  eventsMaxWaitSeconds: 20,
  /** How often a long poll looks for news: the console shows changes within about this plus the settle time. */
  eventsPollIntervalMs: 500,
  /** Feed entries younger than this are held back a moment (writers' clocks and write latency differ). */
  eventsSettleMs: 300,
  /** Default throttling of each agent route (API Gateway on AWS, the local gateway locally). */
  routeThrottle: { burstLimit: 100, rateLimit: 50 },
} as const;

export type FunctionName = keyof typeof FUNCTIONS;

/** Environment variable names the functions read (values are references, never secrets). */
export const ENV = {
  tableName: 'TABLE_NAME',
  inboundQueueUrl: 'INBOUND_QUEUE_URL',
  outboundQueueUrl: 'OUTBOUND_QUEUE_URL',
  /** Where a consumer parks a record it can never process, so the rest of its group goes on. */
  inboundDeadLetterQueueUrl: 'INBOUND_DLQ_URL',
  outboundDeadLetterQueueUrl: 'OUTBOUND_DLQ_URL',
  /** Secrets Manager ARN holding the channel credentials as JSON; unset locally, where env vars hold them. */
  channelSecretArn: 'CHANNEL_SECRET_ARN',
  telegramApiUrl: 'TELEGRAM_API_URL',
  telegramBotToken: 'TELEGRAM_BOT_TOKEN',
  telegramWebhookSecret: 'TELEGRAM_WEBHOOK_SECRET',
  graphApiUrl: 'GRAPH_API_URL',
  twilioApiUrl: 'TWILIO_API_URL',
  /** The public URL Twilio calls (custom domain or API URL); its signature covers it. */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  whatsappTemplateName: 'WHATSAPP_TEMPLATE_NAME',
  whatsappTemplateLanguage: 'WHATSAPP_TEMPLATE_LANGUAGE',
} as const;

/**
 * Webhook routes of the HTTP API, identical on AWS and locally. GET is Meta's subscription
 * handshake; Twilio posts both inbound messages and status callbacks to the SMS route.
 */
export const WEBHOOK_ROUTES = {
  telegram: { path: '/webhooks/telegram', methods: ['POST'] },
  whatsapp: { path: '/webhooks/whatsapp', methods: ['GET', 'POST'] },
  messenger: { path: '/webhooks/messenger', methods: ['GET', 'POST'] },
  sms: { path: '/webhooks/sms', methods: ['POST'] },
} as const satisfies Record<
  'telegram' | 'whatsapp' | 'messenger' | 'sms',
  { path: string; methods: readonly ('GET' | 'POST')[] }
>;

export type WebhookChannel = keyof typeof WEBHOOK_ROUTES;

/** Shared esbuild options: CDK bundles with them and the benchmark measures the same bundles. */
export const BUNDLING = {
  format: 'esm',
  target: 'node22',
  platform: 'node',
  minify: true,
  sourcemap: true,
  /** The Lambda runtime provides the AWS SDK v3; OpenTelemetry is optional in the Agents SDK. */
  external: ['@aws-sdk/*', '@opentelemetry/*'],
  /** ESM bundles of CommonJS dependencies need a real `require`. */
  banner:
    "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  mainFields: ['module', 'main'],
} as const;
