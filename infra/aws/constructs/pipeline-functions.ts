import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ENV, QUEUES, TABLE } from '../../../shared/definitions.ts';
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
      environment,
    };

    this.webhook = new PipelineFunction(this, 'Webhook', { ...common, name: 'webhook' });
    this.conversationWorker = new PipelineFunction(this, 'ConversationWorker', {
      ...common,
      name: 'conversationWorker',
    });
    this.sender = new PipelineFunction(this, 'Sender', { ...common, name: 'sender' });
    this.agentApi = new PipelineFunction(this, 'AgentApi', { ...common, name: 'agentApi' });

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

    this.sender.function.addEventSource(
      new SqsEventSource(outbound, { batchSize: QUEUES.outbound.batchSize, reportBatchItemFailures: true }),
    );
    grantItemAccess(this.sender, table);
    queues.outbound.deadLetterQueue.grant(this.sender.function, 'sqs:SendMessage');

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
