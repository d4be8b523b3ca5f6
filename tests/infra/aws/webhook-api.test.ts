import { Match } from 'aws-cdk-lib/assertions';
import type { CfnUserPool, CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_ROUTES } from '../../../shared/definitions.ts';
import { logicalIdsOfType, type ShapeSynth, synthesizeShape } from './synthesize.ts';

let synth: ShapeSynth;
beforeAll(() => {
  synth = synthesizeShape();
}, 60_000);

describe('webhook HTTP API', () => {
  it('routes every channel webhook (GET handshake and POST) to the webhook function with payload 2.0 and no authorizer', () => {
    const routeKeys = Object.values(WEBHOOK_ROUTES).flatMap((route) =>
      route.methods.map((m) => `${m} ${route.path}`),
    );
    expect(routeKeys).toEqual(
      expect.arrayContaining([
        'POST /webhooks/telegram',
        'GET /webhooks/whatsapp',
        'POST /webhooks/whatsapp',
        'GET /webhooks/messenger',
        'POST /webhooks/messenger',
        'POST /webhooks/sms',
      ]),
    );
    for (const routeKey of routeKeys) {
      synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'NONE',
      });
    }
    const webhook = synth.stack.support.functions.webhook.function;
    const webhookId = synth.stack.getLogicalId(webhook.node.defaultChild as CfnFunction);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [webhookId, 'Arn'] },
    });
    // The webhook routes, plus the agent API's: its public OpenAPI document and /api/{proxy+} (GET, POST).
    expect(logicalIdsOfType(synth.json, 'AWS::ApiGatewayV2::Route')).toHaveLength(routeKeys.length + 3);
  });

  it('puts every agent route behind the Cognito JWT authorizer, except the OpenAPI document', () => {
    for (const routeKey of ['GET /api/{proxy+}', 'POST /api/{proxy+}'])
      synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'JWT',
        AuthorizerId: Match.anyValue(),
      });
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'GET /api/openapi.json',
      AuthorizationType: 'NONE',
    });
    const pool = synth.stack.getLogicalId(
      synth.stack.support.agentApi.userPool.node.defaultChild as CfnUserPool,
    );
    const client = synth.stack.getLogicalId(
      synth.stack.support.agentApi.client.node.defaultChild as CfnUserPoolClient,
    );
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: client }],
        Issuer: {
          'Fn::Join': [
            '',
            ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.amazonaws.com/', { Ref: pool }],
          ],
        },
      },
    });
  });

  it('has a Cognito pool for agents: invited only, MFA optional, a group per team and admins, a PKCE client', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
    });
    const groups = Object.values(synth.json.Resources)
      .filter((resource) => resource.Type === 'AWS::Cognito::UserPoolGroup')
      .map((resource) => (resource.Properties as { GroupName: string }).GroupName)
      .sort();
    expect(groups).toEqual(['admins', 'billing', 'leads', 'orders', 'support']);
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
    });
  });

  it('has one auto-deployed $default stage with throttling and JSON access logs without bodies', () => {
    expect(logicalIdsOfType(synth.json, 'AWS::ApiGatewayV2::Stage')).toHaveLength(1);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
    });
    const stage = Object.values(synth.json.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    const settings = stage?.Properties?.AccessLogSettings as {
      Format: string;
      DestinationArn: { 'Fn::GetAtt': [string, string] };
    };
    const format = JSON.parse(settings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latency: '$context.responseLatency',
      integrationError: '$context.integrationErrorMessage',
    });
    expect(settings.Format).not.toMatch(/body/i);
    const logGroup = synth.json.Resources[settings.DestinationArn['Fn::GetAtt'][0]];
    expect(logGroup?.Type).toBe('AWS::Logs::LogGroup');
    expect(logGroup?.Properties?.RetentionInDays).toBe(30);
  });
});

describe('per-route throttling', () => {
  it('limits every route on its own (webhooks and agent API), below the stage-wide limit', () => {
    const stage = Object.values(synth.json.Resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage');
    const routeSettings = stage?.Properties?.RouteSettings as Record<string, Record<string, number>>;
    const routeKeys = [
      ...Object.values(WEBHOOK_ROUTES).flatMap((route) =>
        route.methods.map((method) => `${method} ${route.path}`),
      ),
      'GET /api/{proxy+}',
      'POST /api/{proxy+}',
      'GET /api/openapi.json',
    ];
    expect(Object.keys(routeSettings).sort()).toEqual([...routeKeys].sort());
    for (const key of routeKeys) {
      expect(routeSettings[key]).toEqual({ ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 });
    }
  });

  it('creates the stage after the routes its settings name', () => {
    const stageEntry = Object.entries(synth.json.Resources).find(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Stage',
    );
    const dependsOn =
      (synth.json.Resources[stageEntry?.[0] ?? ''] as { DependsOn?: string[] }).DependsOn ?? [];
    const routes = Object.entries(synth.json.Resources)
      .filter(([, r]) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map(([id]) => id);
    expect(dependsOn).toEqual(expect.arrayContaining(routes));
  });
});

describe('stack outputs', () => {
  it('tell the operator every URL, name and ARN they need', () => {
    // ExportsOutput*: what the console files stack imports (CDK's cross-stack references).
    const outputs = Object.keys(synth.json.Outputs ?? {}).filter((key) => !key.startsWith('ExportsOutput'));
    expect(outputs.sort()).toEqual(
      [
        'ApiUrl',
        'TelegramWebhookUrl',
        'WhatsappWebhookUrl',
        'MessengerWebhookUrl',
        'SmsWebhookUrl',
        'TableName',
        'InboundQueueUrl',
        'OutboundQueueUrl',
        'InboundDeadLetterQueueUrl',
        'OutboundDeadLetterQueueUrl',
        'ChannelSecretArn',
        'AgentApiUrl',
        'AgentUserPoolId',
        'AgentUserPoolClientId',
        'DashboardName',
        'ConsoleUrl',
        'AgentSignInDomain',
      ].sort(),
    );
  });

  it.each([
    ['TelegramWebhookUrl', WEBHOOK_ROUTES.telegram.path],
    ['WhatsappWebhookUrl', WEBHOOK_ROUTES.whatsapp.path],
    ['MessengerWebhookUrl', WEBHOOK_ROUTES.messenger.path],
    ['SmsWebhookUrl', WEBHOOK_ROUTES.sms.path],
  ])('%s is the API URL followed by the route path', (output, path) => {
    const url = synth.json.Outputs?.[output]?.Value as { 'Fn::Join': [string, unknown[]] };
    const apiUrl = synth.json.Outputs?.ApiUrl?.Value as { 'Fn::Join': [string, unknown[]] };
    const parts = url['Fn::Join'][1];
    const apiParts = apiUrl['Fn::Join'][1];
    // ApiUrl ends in '/', the route path starts with one: exactly one slash in between.
    expect(apiParts.at(-1)).toBe('/');
    expect(parts.slice(0, -1)).toEqual(apiParts.slice(0, -1));
    expect(parts.at(-1)).toBe(path);
  });
});
