import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { WebhookChannel } from '../../shared/definitions.ts';
import { OmnichannelSupport, type OmnichannelSupportProps } from './omnichannel-support.ts';

export interface OmnichannelSupportStackProps extends StackProps {
  readonly support?: OmnichannelSupportProps;
}

/** Deployable unit: the backbone plus the outputs an operator needs after `cdk deploy`. */
export class OmnichannelSupportStack extends Stack {
  readonly support: OmnichannelSupport;

  constructor(scope: Construct, id: string, props: OmnichannelSupportStackProps = {}) {
    super(scope, id, props);
    this.support = new OmnichannelSupport(this, 'Support', props.support);
    const { webhookApi, table, queues, channelSecret, agentApi } = this.support;

    const webhookOutputs: Record<WebhookChannel, { id: string; description: string }> = {
      telegram: {
        id: 'TelegramWebhookUrl',
        description: 'Pass to Telegram setWebhook together with the secret_token from ChannelSecretArn',
      },
      whatsapp: {
        id: 'WhatsappWebhookUrl',
        description:
          'Callback URL of the WhatsApp product in the Meta app dashboard with the WhatsApp verify token from the channel secret',
      },
      messenger: {
        id: 'MessengerWebhookUrl',
        description:
          'Callback URL of the Messenger product in the Meta app dashboard with the Messenger verify token from the channel secret',
      },
      sms: {
        id: 'SmsWebhookUrl',
        description: 'Twilio number > Messaging > "A message comes in" webhook (HTTP POST)',
      },
    };
    const outputs: Record<string, { value: string; description: string }> = {
      ApiUrl: { value: webhookApi.url, description: 'Base URL of the webhook API' },
      ...Object.fromEntries(
        this.support.channels.map((channel) => [
          webhookOutputs[channel].id,
          {
            value: webhookApi.webhookUrls[channel] as string,
            description: webhookOutputs[channel].description,
          },
        ]),
      ),
      ConsoleUrl: {
        value: this.support.console.url,
        description: 'The agent console (CloudFront); agents sign in with the Cognito user pool',
      },
      AgentSignInDomain: {
        value: this.support.signInDomain.baseUrl(),
        description: 'Cognito hosted sign-in of the console (authorization code + PKCE)',
      },
      AgentApiUrl: {
        value: `${webhookApi.url}api/`,
        description: 'Agent API (OpenAPI at api/openapi.json); bearer tokens from the Cognito user pool',
      },
      AgentUserPoolId: {
        value: agentApi.userPool.userPoolId,
        description: 'Cognito user pool of agents: add users and put them in team groups (admins sees all)',
      },
      AgentUserPoolClientId: {
        value: agentApi.client.userPoolClientId,
        description: 'Cognito app client of the agent console (authorization code + PKCE)',
      },
      TableName: { value: table.table.tableName, description: 'DynamoDB table' },
      InboundQueueUrl: { value: queues.inbound.queue.queueUrl, description: 'Inbound FIFO queue' },
      OutboundQueueUrl: { value: queues.outbound.queue.queueUrl, description: 'Outbound FIFO queue' },
      InboundDeadLetterQueueUrl: {
        value: queues.inbound.deadLetterQueue.queueUrl,
        description: 'Inbound records that failed every retry',
      },
      OutboundDeadLetterQueueUrl: {
        value: queues.outbound.deadLetterQueue.queueUrl,
        description: 'Outbound records that failed every retry',
      },
      ChannelSecretArn: {
        value: channelSecret.secret.secretArn,
        description: 'Channel credentials JSON: put the real values here after the first deploy',
      },
    };
    if (webhookApi.domainName) {
      outputs.CustomDomainTarget = {
        value: webhookApi.domainName.regionalDomainName,
        description: 'Point a CNAME (or Route 53 alias) for the custom domain at this name',
      };
    }
    if (this.support.ordersApiSecret) {
      outputs.OrdersApiSecretArn = {
        value: this.support.ordersApiSecret.secretArn,
        description: 'HMAC key of the orders API requests: configure the same value on the orders API',
      };
    }
    outputs.DashboardName = {
      value: this.support.monitoring.dashboard.dashboardName,
      description: 'CloudWatch dashboard of the pipeline',
    };
    for (const [outputId, output] of Object.entries(outputs)) {
      new CfnOutput(this, outputId, output);
    }
  }
}
