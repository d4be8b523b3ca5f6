import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORDERS_API_ENV } from '../../../bots/support/orders/http-orders-provider.ts';
import { PASSWORD_RESET_ENV } from '../../../bots/support/password-reset/provider-from-env.ts';
import { parseRoutingTable, ROUTING_ENV, type RoutingTable } from '../../../bots/support/routing.ts';
import { ENV, QUEUES, TABLE } from '../../../shared/definitions.ts';
import { TRANSCRIPT_RETENTION_ENV } from '../../../shared/store/transcript-retention.ts';
import type { ChannelSecret } from './channel-secret.ts';
import type { ConversationTable } from './conversation-table.ts';
import type { MessageQueues } from './message-queues.ts';
import { PipelineFunction } from './pipeline-function.ts';
import { TABLE_ITEM_ACTIONS } from './table-access.ts';

export interface PipelineFunctionsProps {
  readonly table: ConversationTable;
  readonly queues: MessageQueues;
  readonly channelSecret: ChannelSecret;
  readonly projectRoot: string;
  readonly serviceName: string;
  readonly logRetention: RetentionDays;
  readonly publicBaseUrl?: string;
  readonly whatsappTemplate?: { readonly name: string; readonly language: string };
  /** The worker's hand-off routing table; @default bots/support/config/routing.json in the bundle */
  readonly routing?: RoutingTable;
  /** Whole days after which transcript items expire (TTL); @default kept */
  readonly transcriptRetentionDays?: number;
  /** App client id of the customers' Cognito user pool, for the bot's password reset. */
  readonly passwordResetUserPoolClientId?: string;
  /** The company's orders API and the secret holding its HMAC key (the whole SecretString). */
  readonly ordersApi?: { readonly url: string; readonly secret: ISecret };
  /** Concurrent sender invocations the outbound queue may drive. */
  readonly senderMaxConcurrency: number;
  readonly senderReservedConcurrency?: number;
  readonly tracing: boolean;
}

/** Lambda's limit is 4 KB for all variables together; leave room for the others. */
const MAX_ROUTING_JSON_CHARS = 2048;

/** The conversation worker's bot settings: configuration and secret references, never secret values. */
function botEnvironment(props: PipelineFunctionsProps): Record<string, string> {
  const environment: Record<string, string> = {};
  if (props.routing) {
    const json = JSON.stringify(parseRoutingTable(props.routing));
    if (json.length > MAX_ROUTING_JSON_CHARS) {
      throw new Error(
        `The routing table is ${json.length} characters as JSON; at most ${MAX_ROUTING_JSON_CHARS} fit`,
      );
    }
    environment[ROUTING_ENV] = json;
  }
  if (props.transcriptRetentionDays !== undefined) {
    const days = props.transcriptRetentionDays;
    if (!Number.isInteger(days) || days < 1)
      throw new Error('transcriptRetention must be at least one whole day');
    environment[TRANSCRIPT_RETENTION_ENV] = String(days);
  }
  if (props.passwordResetUserPoolClientId) {
    environment[PASSWORD_RESET_ENV.cognitoClientId] = props.passwordResetUserPoolClientId;
  }
  if (props.ordersApi) {
    environment[ORDERS_API_ENV.url] = props.ordersApi.url;
    environment[ORDERS_API_ENV.secretArn] = props.ordersApi.secret.secretArn;
  }
  return environment;
}

/**
 * webhook → inbound queue → conversationWorker → outbound queue → sender, each with only the
 * permissions its hop needs.
 */
export class PipelineFunctions extends Construct {
  /** Verifies and enqueues platform webhooks; no DynamoDB access at all. */
  readonly webhook: PipelineFunction;
  /** Consumes inbound, runs the conversation and bot, enqueues replies. */
  readonly conversationWorker: PipelineFunction;
  /** Consumes outbound and calls the platform send APIs. */
  readonly sender: PipelineFunction;
  /** The agent API behind the JWT authorizer: reads conversations, queues agents' replies. */
  readonly agentApi: PipelineFunction;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const { table, queues, channelSecret } = props;
    const inbound = queues.inbound.queue;
    const outbound = queues.outbound.queue;

    // References only; the credentials themselves are read from Secrets Manager at run time.
    const environment = {
      [ENV.tableName]: table.table.tableName,
      [ENV.inboundQueueUrl]: inbound.queueUrl,
      [ENV.outboundQueueUrl]: outbound.queueUrl,
      [ENV.inboundDeadLetterQueueUrl]: queues.inbound.deadLetterQueue.queueUrl,
      [ENV.outboundDeadLetterQueueUrl]: queues.outbound.deadLetterQueue.queueUrl,
      [ENV.channelSecretArn]: channelSecret.secret.secretArn,
      ...(props.publicBaseUrl ? { [ENV.publicBaseUrl]: props.publicBaseUrl } : {}),
      ...(props.whatsappTemplate
        ? {
            [ENV.whatsappTemplateName]: props.whatsappTemplate.name,
            [ENV.whatsappTemplateLanguage]: props.whatsappTemplate.language,
          }
        : {}),
    };
    const common = {
      projectRoot: props.projectRoot,
      serviceName: props.serviceName,
      logRetention: props.logRetention,
      tracing: props.tracing,
      environment,
    };

    this.webhook = new PipelineFunction(this, 'Webhook', { ...common, name: 'webhook' });
    this.conversationWorker = new PipelineFunction(this, 'ConversationWorker', {
      ...common,
      environment: { ...environment, ...botEnvironment(props) },
      name: 'conversationWorker',
    });
    this.sender = new PipelineFunction(this, 'Sender', {
      ...common,
      name: 'sender',
      ...(props.senderReservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: props.senderReservedConcurrency }
        : {}),
    });
    props.ordersApi?.secret.grantRead(this.conversationWorker.function);
    this.agentApi = new PipelineFunction(this, 'AgentApi', {
      ...common,
      // The teams agents can transfer to come from the routing table in force.
      environment: {
        ...environment,
        ...(props.routing ? { [ROUTING_ENV]: JSON.stringify(parseRoutingTable(props.routing)) } : {}),
        // Agents' replies and notes are transcript items too: the same retention applies.
        ...(props.transcriptRetentionDays !== undefined
          ? { [TRANSCRIPT_RETENTION_ENV]: String(props.transcriptRetentionDays) }
          : {}),
      },
      name: 'agentApi',
    });

    for (const fn of [this.webhook, this.conversationWorker, this.sender]) {
      channelSecret.secret.grantRead(fn.function);
    }

    inbound.grant(this.webhook.function, 'sqs:SendMessage');

    this.conversationWorker.function.addEventSource(
      new SqsEventSource(inbound, { batchSize: QUEUES.inbound.batchSize, reportBatchItemFailures: true }),
    );
    grantItemAccess(this.conversationWorker, table);
    outbound.grant(this.conversationWorker.function, 'sqs:SendMessage');
    // Records that can never be processed are parked at once instead of blocking their group.
    queues.inbound.deadLetterQueue.grant(this.conversationWorker.function, 'sqs:SendMessage');

    // The platforms' send limits are per second (Telegram about 30 messages/s per bot, Twilio long codes
    // 1 segment/s): a cap on concurrent senders keeps a backlog from turning into a wall of 429s, and
    // unlike reserved concurrency alone it holds records in the queue instead of throttling invocations.
    this.sender.function.addEventSource(
      new SqsEventSource(outbound, {
        batchSize: QUEUES.outbound.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: props.senderMaxConcurrency,
      }),
    );
    grantItemAccess(this.sender, table);
    queues.outbound.deadLetterQueue.grant(this.sender.function, 'sqs:SendMessage');
    // Before sending an interrupted message again, the sender checks that no platform report can
    // still be waiting in the inbound queue.
    inbound.grant(this.sender.function, 'sqs:GetQueueAttributes');

    // Agents read conversations (the table and its indexes) and queue replies; no channel credentials.
    grantItemAccess(
      this.agentApi,
      table,
      Object.values(TABLE.indexes).map((index) => index.name),
    );
    outbound.grant(this.agentApi.function, 'sqs:SendMessage');
  }
}

/**
 * Item actions on the table and, only for the function that lists conversations, on the named
 * indexes (never `index/*`): the pipeline functions read by key and need no index at all.
 */
function grantItemAccess(
  fn: PipelineFunction,
  table: ConversationTable,
  indexes: readonly string[] = [],
): void {
  fn.function.addToRolePolicy(
    new PolicyStatement({
      actions: [...TABLE_ITEM_ACTIONS],
      resources: [table.table.tableArn, ...indexes.map((index) => `${table.table.tableArn}/index/${index}`)],
    }),
  );
}
