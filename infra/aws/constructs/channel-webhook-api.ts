import { Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  DomainName,
  HttpApi,
  HttpMethod,
  HttpStage,
  type IHttpRoute,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate, type ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEBHOOK_ROUTES, type WebhookChannel } from '../../../shared/definitions.ts';

/** A custom domain for the webhook API: an ACM certificate in the stack's region covers it. */
export interface WebhookCustomDomain {
  /** e.g. `support-hooks.example.com`; point a CNAME (or alias) at the `regionalDomainName` output. */
  readonly domainName: string;
  /** The certificate, or its ARN. */
  readonly certificate: ICertificate | string;
}

export interface ChannelWebhookApiProps {
  readonly webhook: IFunction;
  /** Stage-wide default for every route. */
  readonly throttle: ThrottleSettings;
  /** Per route, over the stage default: one platform's flood cannot use up another's share. */
  readonly routeThrottle: Readonly<Partial<Record<WebhookChannel, ThrottleSettings>>>;
  readonly logRetention: RetentionDays;
  /** Only these channels get a route. */
  readonly channels: readonly WebhookChannel[];
  readonly customDomain?: WebhookCustomDomain;
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
  /** The URL to register with each enabled platform (Telegram setWebhook, Meta app dashboard, Twilio number). */
  readonly webhookUrls: Readonly<Partial<Record<WebhookChannel, string>>>;
  /** Present with a custom domain: the target of its DNS record. */
  readonly domainName?: DomainName;

  constructor(scope: Construct, id: string, props: ChannelWebhookApiProps) {
    super(scope, id);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Omnichannel support: messaging platform webhooks',
      createDefaultStage: false,
    });
    this.accessLogGroup = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    if (props.customDomain) {
      const { certificate } = props.customDomain;
      this.domainName = new DomainName(this, 'DomainName', {
        domainName: props.customDomain.domainName,
        certificate:
          typeof certificate === 'string'
            ? Certificate.fromCertificateArn(this, 'Certificate', certificate)
            : certificate,
      });
    }
    this.stage = new HttpStage(this, 'DefaultStage', {
      ...(this.domainName ? { domainMapping: { domainName: this.domainName } } : {}),
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });
    // Platforms sign or verify against the URL they call: with a custom domain, that one.
    this.url = props.customDomain ? `https://${props.customDomain.domainName}/` : this.stage.url;

    const integration = new HttpLambdaIntegration('Webhook', props.webhook, {
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
    });
    const urls: Partial<Record<WebhookChannel, string>> = {};
    const routeSettings: Record<string, { ThrottlingBurstLimit?: number; ThrottlingRateLimit?: number }> = {};
    for (const channel of props.channels) {
      const route = WEBHOOK_ROUTES[channel];
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
      // The stage references route settings by route key: it must be created after the routes.
      this.stage.node.addDependency(...routes);
      const throttle = props.routeThrottle[channel];
      if (throttle) {
        for (const method of route.methods) {
          routeSettings[`${method} ${route.path}`] = {
            ...(throttle.burstLimit !== undefined ? { ThrottlingBurstLimit: throttle.burstLimit } : {}),
            ...(throttle.rateLimit !== undefined ? { ThrottlingRateLimit: throttle.rateLimit } : {}),
          };
        }
      }
      // Strip the leading '/' of the route path: the stage URL already ends in one.
      urls[channel] = `${this.url}${route.path.slice(1)}`;
    }
    this.routeSettings = routeSettings;
    (this.stage.node.defaultChild as CfnStage).routeSettings = this.routeSettings;
    this.webhookUrls = urls;
  }

  private readonly routeSettings: Record<
    string,
    { ThrottlingBurstLimit?: number; ThrottlingRateLimit?: number }
  >;

  /** Throttles routes added by another construct (the agent API) on this stage, like the webhook routes. */
  throttleRoutes(
    routes: readonly IHttpRoute[],
    routeKeys: readonly string[],
    throttle: ThrottleSettings,
  ): void {
    this.stage.node.addDependency(...routes);
    for (const routeKey of routeKeys) {
      this.routeSettings[routeKey] = {
        ...(throttle.burstLimit !== undefined ? { ThrottlingBurstLimit: throttle.burstLimit } : {}),
        ...(throttle.rateLimit !== undefined ? { ThrottlingRateLimit: throttle.rateLimit } : {}),
      };
    }
  }
}
