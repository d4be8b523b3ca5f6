import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { describe, expect, it } from 'vitest';
import { ORDERS_API_ENV } from '../../../bots/support/orders/http-orders-provider.ts';
import { PASSWORD_RESET_ENV } from '../../../bots/support/password-reset/provider-from-env.ts';
import { ROUTING_ENV } from '../../../bots/support/routing.ts';
import { OmnichannelSupport } from '../../../infra/aws/omnichannel-support.ts';
import { OmnichannelSupportStack } from '../../../infra/aws/stack.ts';
import { ENV } from '../../../shared/definitions.ts';
import { TRANSCRIPT_RETENTION_ENV } from '../../../shared/store/transcript-retention.ts';
import type { TemplateJson } from './synthesize.ts';

function functionEnvironments(support: ConstructorParameters<typeof OmnichannelSupportStack>[2]) {
  const app = new App({ context: { [BUNDLING_STACKS]: [] } });
  const stack = new OmnichannelSupportStack(app, 'PropsTest', support);
  const resources = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return Object.values(resources).map(
    (resource) => (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
  );
}

describe('OmnichannelSupport props', () => {
  it('passes a custom public URL and a WhatsApp window template to the functions as configuration', () => {
    const environments = functionEnvironments({
      support: {
        publicBaseUrl: 'https://support.example.com',
        whatsappTemplate: { name: 'support_follow_up', language: 'pt_BR' },
      },
    });
    for (const variables of environments) {
      expect(variables[ENV.publicBaseUrl]).toBe('https://support.example.com');
      expect(variables[ENV.whatsappTemplateName]).toBe('support_follow_up');
      expect(variables[ENV.whatsappTemplateLanguage]).toBe('pt_BR');
    }
  });

  it('leaves them unset by default, so the API URL and the window_closed failure apply', () => {
    for (const variables of functionEnvironments({})) {
      expect(variables[ENV.publicBaseUrl]).toBeUndefined();
      expect(variables[ENV.whatsappTemplateName]).toBeUndefined();
    }
  });
});

function synthWith(
  support: NonNullable<ConstructorParameters<typeof OmnichannelSupportStack>[2]>['support'],
) {
  const app = new App({ context: { [BUNDLING_STACKS]: [] } });
  const stack = new OmnichannelSupportStack(app, 'PropsTest', { support });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as TemplateJson };
}

function workerVariables(synth: ReturnType<typeof synthWith>): Record<string, unknown> {
  const worker = synth.stack.support.functions.conversationWorker.function;
  const id = synth.stack.getLogicalId(worker.node.defaultChild as CfnFunction);
  const environment = synth.json.Resources[id]?.Properties?.Environment as
    | { Variables: Record<string, unknown> }
    | undefined;
  return environment?.Variables ?? {};
}

describe('channels', () => {
  it('opens routes, outputs and secret keys only for the enabled channels', () => {
    const synth = synthWith({ channels: ['whatsapp', 'telegram'] });
    const routeKeys = Object.values(synth.json.Resources)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties?.RouteKey)
      .sort();
    expect(routeKeys.filter((key) => String(key).includes('/webhooks/'))).toEqual([
      'GET /webhooks/whatsapp',
      'POST /webhooks/telegram',
      'POST /webhooks/whatsapp',
    ]);
    expect(Object.keys(synth.json.Outputs ?? {})).toEqual(
      expect.arrayContaining(['TelegramWebhookUrl', 'WhatsappWebhookUrl']),
    );
    expect(Object.keys(synth.json.Outputs ?? {})).not.toContain('SmsWebhookUrl');
    const secret = Object.values(synth.json.Resources).find((r) => r.Type === 'AWS::SecretsManager::Secret');
    const template = JSON.parse(
      (secret?.Properties?.GenerateSecretString as { SecretStringTemplate: string } | undefined)
        ?.SecretStringTemplate ?? '{}',
    ) as Record<string, string>;
    expect(Object.keys(template).sort()).toEqual(
      ['TELEGRAM_BOT_TOKEN', 'WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'].sort(),
    );
  });

  it('refuses an empty or unknown channel list', () => {
    expect(() => synthWith({ channels: [] })).toThrow(/at least one channel/);
    expect(() => synthWith({ channels: ['fax' as never] })).toThrow(/Unknown channel fax/);
  });
});

describe('bot settings', () => {
  const routing = {
    defaultTeam: 'frontline',
    teams: { frontline: { expectedWaitMinutes: 5 }, finance: { expectedWaitMinutes: 30 } },
    topics: { payments_invoices: 'finance' },
  };

  it('gives the worker the routing table, transcript retention and the Cognito client id', () => {
    const synth = synthWith({
      routing,
      transcriptRetention: Duration.days(90),
      passwordResetUserPoolClientId: '1example23456789',
    });
    const variables = workerVariables(synth);
    expect(JSON.parse(variables[ROUTING_ENV] as string)).toEqual(routing);
    expect(variables[TRANSCRIPT_RETENTION_ENV]).toBe('90');
    expect(variables[PASSWORD_RESET_ENV.cognitoClientId]).toBe('1example23456789');
  });

  it('refuses a routing table that sends a topic to a team it does not define', () => {
    expect(() => synthWith({ routing: { ...routing, topics: { subscription: 'sales' } } })).toThrow(
      /Invalid routing table/,
    );
  });

  it('passes the orders API key by secret ARN only, generating the secret when none is given', () => {
    const synth = synthWith({ ordersApi: { url: 'https://orders.example.com/api' } });
    const variables = workerVariables(synth);
    expect(variables[ORDERS_API_ENV.url]).toBe('https://orders.example.com/api');
    expect(variables[ORDERS_API_ENV.secret]).toBeUndefined();
    const secret = synth.stack.support.ordersApiSecret;
    expect(secret).toBeDefined();
    expect(synth.stack.resolve(variables[ORDERS_API_ENV.secretArn])).toEqual(
      synth.stack.resolve(secret?.secretArn),
    );
    expect(Object.keys(synth.json.Outputs ?? {})).toContain('OrdersApiSecretArn');
    // Only the worker may read it.
    const readers = Object.values(synth.json.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((r) =>
        JSON.stringify(r.Properties).includes(synth.stack.getLogicalId(secret?.node.defaultChild as never)),
      );
    expect(readers).toHaveLength(1);
  });

  it('uses a secret the company already has', () => {
    const app = new App({ context: { [BUNDLING_STACKS]: [] } });
    const stack = new Stack(app, 'Existing');
    const secret = Secret.fromSecretNameV2(stack, 'Orders', 'company/orders-hmac');
    const support = new OmnichannelSupport(stack, 'Support', {
      ordersApi: { url: 'https://orders.example.com', secret },
    });
    expect(support.ordersApiSecret).toBe(secret);
    expect(Template.fromStack(stack).findResources('AWS::SecretsManager::Secret')).not.toHaveProperty(
      'SupportOrdersApiSecret',
    );
  });
});

describe('alarm actions', () => {
  it('notify SNS topics given as ARNs or topics, on alarm and on recovery', () => {
    const app = new App({ context: { [BUNDLING_STACKS]: [] } });
    const stack = new Stack(app, 'Alarmed');
    const topic = new Topic(stack, 'Pager');
    const arn = 'arn:aws:sns:eu-west-1:111122223333:support-alarms';
    new OmnichannelSupport(stack, 'Support', { alarmActions: [topic, arn] });
    const alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(10);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([
        { Ref: stack.getLogicalId(topic.node.defaultChild as never) },
        arn,
      ]);
      expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    }
  });
});

describe('custom domain', () => {
  it('maps the domain to the stage and gives the platforms URLs on it', () => {
    const synth = synthWith({
      customDomain: {
        domainName: 'hooks.example.com',
        certificate: 'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
      },
    });
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'hooks.example.com',
      DomainNameConfigurations: [
        {
          CertificateArn:
            'arn:aws:acm:us-east-1:111122223333:certificate/12345678-1234-1234-1234-123456789012',
          EndpointType: 'REGIONAL',
        },
      ],
    });
    synth.template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    expect(synth.json.Outputs?.TelegramWebhookUrl?.Value).toBe('https://hooks.example.com/webhooks/telegram');
    expect(Object.keys(synth.json.Outputs ?? {})).toContain('CustomDomainTarget');
    // Twilio signs the URL it called: the functions must know it.
    expect(workerVariables(synth)[ENV.publicBaseUrl]).toBe('https://hooks.example.com');
  });
});

describe('sender concurrency', () => {
  function senderMapping(synth: ReturnType<typeof synthWith>) {
    const sender = synth.stack.support.functions.sender.function;
    const id = synth.stack.getLogicalId(sender.node.defaultChild as CfnFunction);
    const mapping = Object.values(synth.json.Resources).find(
      (r) =>
        r.Type === 'AWS::Lambda::EventSourceMapping' &&
        JSON.stringify(r.Properties?.FunctionName) === JSON.stringify({ Ref: id }),
    );
    return { mapping, fn: synth.json.Resources[id] };
  }

  it('caps concurrent senders at the event source (5 by default) without reserving concurrency', () => {
    const { mapping, fn } = senderMapping(synthWith({}));
    expect(mapping?.Properties?.ScalingConfig).toEqual({ MaximumConcurrency: 5 });
    expect(fn?.Properties?.ReservedConcurrentExecutions).toBeUndefined();
  });

  it('takes both limits from props', () => {
    const { mapping, fn } = senderMapping(
      synthWith({ senderMaxConcurrency: 3, senderReservedConcurrency: 4 }),
    );
    expect(mapping?.Properties?.ScalingConfig).toEqual({ MaximumConcurrency: 3 });
    expect(fn?.Properties?.ReservedConcurrentExecutions).toBe(4);
  });
});

describe('tracing', () => {
  it('is active on every function by default and can be turned off', () => {
    synthWith({}).template.allResourcesProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
    });
    const off = synthWith({ tracing: false });
    for (const fn of Object.values(off.template.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.TracingConfig).toBeUndefined();
    }
  });
});
