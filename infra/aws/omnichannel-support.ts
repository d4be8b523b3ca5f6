import { Aws, Duration, Validations } from 'aws-cdk-lib';
import type { ThrottleSettings } from 'aws-cdk-lib/aws-apigatewayv2';
import type { UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { TableEncryptionV2 } from 'aws-cdk-lib/aws-dynamodb';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { type RoutingTable, routingTable } from '../../bots/support/routing.ts';
import { AGENT_API, WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';
import { AgentApi } from './constructs/agent-api.ts';
import { AgentConsole } from './constructs/agent-console.ts';
import { ChannelSecret } from './constructs/channel-secret.ts';
import { ChannelWebhookApi, type WebhookCustomDomain } from './constructs/channel-webhook-api.ts';
import { ConversationTable } from './constructs/conversation-table.ts';
import { MessageQueues } from './constructs/message-queues.ts';
import { PipelineFunctions } from './constructs/pipeline-functions.ts';
import { PipelineMonitoring } from './constructs/pipeline-monitoring.ts';
import { REPO_ROOT } from './paths.ts';

/** Every channel the product speaks, in the order the docs list them. */
export const ALL_CHANNELS = Object.keys(WEBHOOK_ROUTES) as WebhookChannel[];

export interface OmnichannelSupportProps {
  /**
   * Directory holding functions/ and package-lock.json.
   * @default the root of this repository
   */
  readonly projectRoot?: string;
  /**
   * POWERTOOLS_SERVICE_NAME of every function, and the `service` dimension of the custom metrics.
   * @default 'omnichannel-support'
   */
  readonly serviceName?: string;
  /**
   * The messaging channels to open: each gets its webhook route, its keys in the channel secret and
   * its lines on the dashboard. A channel left out has no public endpoint at all.
   * @default every channel: telegram, whatsapp, messenger, sms
   */
  readonly channels?: readonly WebhookChannel[];
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
   * Throttling per channel route, within the stage-wide limit, so that one platform's flood (or an
   * attacker hammering one URL) cannot take the capacity the other channels need.
   * @default { burstLimit: 100, rateLimit: 50 } for every channel
   */
  readonly routeThrottle?: Readonly<Partial<Record<WebhookChannel, ThrottleSettings>>>;
  /**
   * Encryption of the table. @see ConversationTableProps.encryption
   * @default the AWS-owned DynamoDB key
   */
  readonly tableEncryption?: TableEncryptionV2;
  /**
   * A custom domain for the webhook API (certificate in the stack's region). The platforms are then
   * given `https://<domainName>/webhooks/...`, and Twilio's signature is checked against that URL.
   * @default the execute-api URL
   */
  readonly customDomain?: WebhookCustomDomain;
  /**
   * The public base URL the platforms call when it is not the API's own execute-api URL (a custom
   * domain managed elsewhere, e.g. behind CloudFront). Twilio signs the URL it called, so it must be exact.
   * @default `https://<customDomain.domainName>` with a custom domain, else the domain API Gateway received the request on
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
   * Throttling of each agent API route (a console long-polls events about once a second per agent).
   * @default { burstLimit: 100, rateLimit: 50 }
   */
  readonly agentApiThrottle?: ThrottleSettings;
  /**
   * Teams and hand-off routing: which team gets which topic and how long each usually takes to answer.
   * Same shape as bots/support/config/routing.json; checked at synth.
   * @default bots/support/config/routing.json
   */
  readonly routing?: RoutingTable;
  /**
   * How long transcripts are kept: the worker stamps `expiresAt` this long after each transcript item
   * is written and DynamoDB's TTL deletes it (within a few days of expiry). Whole days.
   * @default kept until deleted
   */
  readonly transcriptRetention?: Duration;
  /**
   * The bot's password reset: the app client id of the customers' Cognito user pool (a public id, not
   * a secret; enable PreventUserExistenceErrors on it).
   * @default none: the bot explains the self-service reset
   */
  readonly passwordResetUserPoolClientId?: string;
  /**
   * The company's orders API for order status and cancellation. The HMAC key lives in Secrets
   * Manager: pass the secret holding it (its whole SecretString), or leave it out and one is created
   * with a generated key for you to configure on the orders API.
   * @default none: the bot offers a person for order questions
   */
  readonly ordersApi?: { readonly url: string; readonly secret?: ISecret };
  /**
   * Where the alarms notify: SNS topics or topic ARNs (e-mail, chat, paging behind them).
   * @default none: alarms show in the CloudWatch console only
   */
  readonly alarmActions?: readonly (ITopic | string)[];
  /**
   * Age of the oldest inbound update that raises the `InboundOldestMessageAge` alarm.
   * @default Duration.minutes(5)
   */
  readonly oldestInboundMessageAlarmAge?: Duration;
  /**
   * Sender invocations the outbound queue may run at once (SQS event source maximum concurrency,
   * 2-1000). The platforms limit sends per second; see docs/deploy.md ("Send rate").
   * @default 5
   */
  readonly senderMaxConcurrency?: number;
  /**
   * Reserved concurrency of the sender, for accounts where other functions could starve it or where a
   * hard cap is wanted on top of senderMaxConcurrency (keep it >= that value, or Lambda throttles the
   * queue's invocations). Needs 100 unreserved concurrency left in the account.
   * @default none
   */
  readonly senderReservedConcurrency?: number;
  /**
   * X-Ray active tracing on every function (a trace per invocation, sampled by Lambda: the first
   * request each second and 5% of the rest). Turn off to save the X-Ray charge at high volume.
   * @default true
   */
  readonly tracing?: boolean;
  /**
   * Prefix of the Cognito hosted sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`), unique per region.
   * @default `support-console-<account id>`
   */
  readonly signInDomainPrefix?: string;
}

/** The backbone: platform webhook → inbound FIFO → conversation worker → outbound FIFO → sender. */
export class OmnichannelSupport extends Construct {
  readonly channels: readonly WebhookChannel[];
  readonly table: ConversationTable;
  readonly queues: MessageQueues;
  readonly channelSecret: ChannelSecret;
  /** The orders API's HMAC key, when an orders API is configured. */
  readonly ordersApiSecret?: ISecret;
  readonly functions: PipelineFunctions;
  readonly webhookApi: ChannelWebhookApi;
  readonly monitoring: PipelineMonitoring;
  readonly agentApi: AgentApi;
  readonly console: AgentConsole;
  readonly signInDomain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: OmnichannelSupportProps = {}) {
    super(scope, id);
    const logRetention = props.logRetention ?? RetentionDays.ONE_MONTH;
    const serviceName = props.serviceName ?? 'omnichannel-support';
    this.channels = uniqueChannels(props.channels ?? ALL_CHANNELS);
    const publicBaseUrl =
      props.publicBaseUrl ?? (props.customDomain ? `https://${props.customDomain.domainName}` : undefined);

    this.table = new ConversationTable(this, 'Conversations', { encryption: props.tableEncryption });
    this.queues = new MessageQueues(this, 'Queues');
    this.channelSecret = new ChannelSecret(this, 'ChannelCredentials', { channels: this.channels });
    if (props.ordersApi) this.ordersApiSecret = props.ordersApi.secret ?? this.ordersSecret();
    this.functions = new PipelineFunctions(this, 'Functions', {
      table: this.table,
      queues: this.queues,
      channelSecret: this.channelSecret,
      projectRoot: props.projectRoot ?? REPO_ROOT,
      serviceName,
      logRetention,
      senderMaxConcurrency: props.senderMaxConcurrency ?? 5,
      tracing: props.tracing ?? true,
      ...(props.senderReservedConcurrency !== undefined
        ? { senderReservedConcurrency: props.senderReservedConcurrency }
        : {}),
      ...(publicBaseUrl ? { publicBaseUrl } : {}),
      ...(props.whatsappTemplate ? { whatsappTemplate: props.whatsappTemplate } : {}),
      ...(props.routing ? { routing: props.routing } : {}),
      ...(props.transcriptRetention ? { transcriptRetentionDays: props.transcriptRetention.toDays() } : {}),
      ...(props.passwordResetUserPoolClientId
        ? { passwordResetUserPoolClientId: props.passwordResetUserPoolClientId }
        : {}),
      ...(props.ordersApi && this.ordersApiSecret
        ? { ordersApi: { url: props.ordersApi.url, secret: this.ordersApiSecret } }
        : {}),
    });
    this.webhookApi = new ChannelWebhookApi(this, 'WebhookApi', {
      webhook: this.functions.webhook.function,
      throttle: props.throttle ?? { burstLimit: 200, rateLimit: 100 },
      routeThrottle:
        props.routeThrottle ??
        Object.fromEntries(this.channels.map((channel) => [channel, { burstLimit: 100, rateLimit: 50 }])),
      logRetention,
      channels: this.channels,
      ...(props.customDomain ? { customDomain: props.customDomain } : {}),
    });
    this.monitoring = new PipelineMonitoring(this, 'Monitoring', {
      queues: this.queues,
      functions: this.functions,
      httpApi: this.webhookApi.httpApi,
      channels: this.channels,
      serviceName,
      alarmActions: props.alarmActions ?? [],
      oldestInboundMessageAge: props.oldestInboundMessageAlarmAge ?? Duration.minutes(5),
    });
    this.console = new AgentConsole(this, 'AgentConsole', { httpApi: this.webhookApi.httpApi });
    this.agentApi = new AgentApi(this, 'AgentApi', {
      api: this.webhookApi,
      throttle: props.agentApiThrottle ?? AGENT_API.routeThrottle,
      handler: this.functions.agentApi.function,
      // Cognito groups: one per team of the routing table in force.
      teams: Object.keys((props.routing ?? routingTable({})).teams),
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

  /** A generated HMAC key for the orders API: the operator copies it into the orders API's settings. */
  private ordersSecret(): Secret {
    const secret = new Secret(this, 'OrdersApiSecret', {
      description: 'Omnichannel support: HMAC key signing requests to the company orders API',
      generateSecretString: { excludePunctuation: true, includeSpace: false, passwordLength: 64 },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation is not automatic: the same key must be configured on the company orders API at the same ' +
        'time, which no Lambda here can do. The bot refetches the key once when the API refuses a signature, ' +
        'so an operator rotation (docs/deploy.md) takes effect without a deploy.',
    });
    return secret;
  }
}

function uniqueChannels(channels: readonly WebhookChannel[]): readonly WebhookChannel[] {
  if (channels.length === 0) throw new Error('Enable at least one channel');
  for (const channel of channels) {
    if (!(channel in WEBHOOK_ROUTES)) throw new Error(`Unknown channel ${channel}`);
  }
  return ALL_CHANNELS.filter((channel) => channels.includes(channel));
}
