import { Aws } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { TEAMS } from '../../bots/support/routing.ts';
import { AgentApi } from './constructs/agent-api.ts';
import { AgentConsole } from './constructs/agent-console.ts';
import { ChannelSecret } from './constructs/channel-secret.ts';
import { ChannelWebhookApi } from './constructs/channel-webhook-api.ts';
import { ConversationTable } from './constructs/conversation-table.ts';
import { MessageQueues } from './constructs/message-queues.ts';
import { PipelineFunctions } from './constructs/pipeline-functions.ts';
import { REPO_ROOT } from './paths.ts';

export interface OmnichannelSupportProps {
  /**
   * Directory holding functions/ and package-lock.json.
   * @default the root of this repository
   */
  readonly projectRoot?: string;
  /**
   * POWERTOOLS_SERVICE_NAME of every function.
   * @default 'omnichannel-support'
   */
  readonly serviceName?: string;
  /**
   * Retention of the function logs and the API access logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Stage-wide throttling of the webhook API. The default absorbs a platform redelivering a backlog
   * (Meta and Telegram retry in bursts after an outage) while capping what a flood of unsigned requests
   * can cost before the function rejects them; raise it with the account's Lambda concurrency.
   * @default { burstLimit: 200, rateLimit: 100 }
   */
  readonly throttle?: ThrottleSettings;
  /**
   * Encryption of the table. @see ConversationTableProps.encryption
   * @default the AWS-owned DynamoDB key
   */
  readonly tableEncryption?: TableEncryptionV2;
  /**
   * The public base URL the platforms call when it is not the API's own execute-api URL (a custom
   * domain). Twilio signs the URL it called, so it must be exact.
   * @default the domain API Gateway received the request on
   */
  readonly publicBaseUrl?: string;
  /**
   * The approved WhatsApp template sent when the 24-hour window is closed (one body parameter).
   * @default none: such messages are recorded as failed with `window_closed`
   */
  readonly whatsappTemplate?: { readonly name: string; readonly language: string };
  /**
   * URLs of the agent console, allowed as Cognito sign-in redirects.
   * @default ['http://localhost:3000/'] (the local console); the CloudFront console is always added
   */
  readonly consoleUrls?: readonly string[];
  /**
   * Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region.
   * @default `support-console-<account id>`
   */
  readonly signInDomainPrefix?: string;
}

/** The backbone: platform webhook → inbound FIFO → conversation worker → outbound FIFO → sender. */
export class OmnichannelSupport extends Construct {
  readonly table: ConversationTable;
  readonly queues: MessageQueues;
  readonly channelSecret: ChannelSecret;
  readonly functions: PipelineFunctions;
  readonly webhookApi: ChannelWebhookApi;
  readonly agentApi: AgentApi;
  readonly console: AgentConsole;
  readonly signInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: OmnichannelSupportProps = {}) {
    super(scope, id);
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;

    this.table = new ConversationTable(this, 'Conversations', { encryption: props.tableEncryption });
    this.queues = new MessageQueues(this, 'Queues');
    this.channelSecret = new ChannelSecret(this, 'ChannelCredentials');
    this.functions = new PipelineFunctions(this, 'Functions', {
      table: this.table,
      queues: this.queues,
      channelSecret: this.channelSecret,
      projectRoot: props.projectRoot ?? REPO_ROOT,
      serviceName: props.serviceName ?? 'omnichannel-support',
      logRetention,
      ...(props.publicBaseUrl ? { publicBaseUrl: props.publicBaseUrl } : {}),
      ...(props.whatsappTemplate ? { whatsappTemplate: props.whatsappTemplate } : {}),
    });
    this.webhookApi = new ChannelWebhookApi(this, 'WebhookApi', {
      webhook: this.functions.webhook.function,
      throttle: props.throttle ?? { burstLimit: 200, rateLimit: 100 },
      logRetention,
    });
    this.console = new AgentConsole(this, 'AgentConsole', { httpApi: this.webhookApi.httpApi });
    this.agentApi = new AgentApi(this, 'AgentApi', {
      httpApi: this.webhookApi.httpApi,
      handler: this.functions.agentApi.function,
      teams: TEAMS,
      // The console signs in at /callback and signs out to /.
      consoleUrls: [
        ...(props.consoleUrls ?? ['http://localhost:3000/']),
        `${this.console.url}/`,
        `${this.console.url}/callback`,
      ],
    });
    this.signInDomain = this.console.addSignIn(
      this.agentApi.userPool,
      props.signInDomainPrefix ?? `support-console-${Aws.ACCOUNT_ID}`,
    );
  }
}
