import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../../shared/definitions.ts';

export interface ChannelWebhookApiProps {
  readonly webhook: IFunction;
  readonly throttle: ThrottleSettings;
  readonly logRetention: RetentionDays;
}

/** One line of JSON per request; metadata only, never bodies (they carry customers' messages). */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** The public HTTP API that messaging platforms call: POST /webhooks/{channel} → webhook function. */
export class ChannelWebhookApi extends Construct {
  readonly httpApi: HttpApi;
  /** The $default stage, created here rather than by HttpApi so that it has throttling and access logs. */
  readonly stage: HttpStage;
  readonly accessLogGroup: LogGroup;
  /** Base URL of the API, ending in '/'. */
  readonly url: string;
  /** The URL to register with each platform (Telegram setWebhook, Meta app dashboard, Twilio number). */
  readonly webhookUrls: Readonly<Record<WebhookChannel, string>>;

  constructor(scope: Construct, id: string, props: ChannelWebhookApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Omnichannel support: messaging platform webhooks',
      createDefaultStage: false,
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });
    this.url = this.stage.url;

    const integration = new HttpLambdaIntegration('Webhook', props.webhook, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    const urls: Partial<Record<WebhookChannel, string>> = {};
    for (const [channel, route] of Object.entries(WEBHOOK_ROUTES) as [
      WebhookChannel,
      (typeof WEBHOOK_ROUTES)[WebhookChannel],
    ][]) {
      const routes = this.httpApi.addRoutes({
        path: route.path,
        methods: route.methods.map((method) => HttpMethod[method]),
        integration,
      });
      for (const r of routes) {
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Platform webhooks cannot carry our credentials; authenticity is checked in the function with the platform's " +
            'signature/secret header over the raw body.',
        });
      }
      // Strip the leading '/' of the route path: the stage URL already ends in one.
      urls[channel] = `${this.url}${route.path.slice(1)}`;
    }
    this.webhookUrls = urls as Record<WebhookChannel, string>;
  }
}
