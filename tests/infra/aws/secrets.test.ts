import { App, Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { BUNDLING_STACKS } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { ORDERS_API_ENV } from '../../../bots/support/orders/http-orders-provider.ts';
import { OmnichannelSupportStack } from '../../../infra/aws/stack.ts';
import { LOCAL_DEFAULTS } from '../../../infra/local/runtime.ts';
import { CHANNEL_SECRET_NAMES } from '../../../shared/channels/credentials.ts';
import { ENV } from '../../../shared/definitions.ts';
import { type ShapeSynth, synthesizeShape, type TemplateJson } from './synthesize.ts';

let synth: ShapeSynth;
let secretId: string;
beforeAll(() => {
  synth = synthesizeShape();
  secretId = synth.stack.getLogicalId(
    synth.stack.support.channelSecret.secret.node.defaultChild as CfnSecret,
  );
}, 60_000);

/** Telegram bot tokens look like `123456789:AAH...` (35 characters after the colon). */
const TELEGRAM_TOKEN = /\d{6,}:[A-Za-z0-9_-]{30,}/;
const CREDENTIAL_NAMES: string[] = Object.values(CHANNEL_SECRET_NAMES).flat();

function withoutSecretResource(json: TemplateJson): TemplateJson {
  const { [secretId]: _secret, ...others } = json.Resources;
  return { ...json, Resources: others };
}

describe('channel credentials', () => {
  it('live in one Secrets Manager secret with generated placeholder values', () => {
    const props = synth.json.Resources[secretId]?.Properties ?? {};
    expect(props.SecretString).toBeUndefined();
    const generate = props.GenerateSecretString as {
      SecretStringTemplate: string;
      GenerateStringKey: string;
    };
    const template = JSON.parse(generate.SecretStringTemplate) as Record<string, string>;
    expect([...Object.keys(template), generate.GenerateStringKey].sort()).toEqual(
      [...CREDENTIAL_NAMES].sort(),
    );
    expect(template[ENV.telegramBotToken]).not.toMatch(TELEGRAM_TOKEN);
  });

  it('are never named outside the secret: no function gets them as environment variables', () => {
    const elsewhere = JSON.stringify(withoutSecretResource(synth.json));
    for (const name of [...CREDENTIAL_NAMES, ENV.telegramApiUrl]) expect(elsewhere).not.toContain(name);
  });

  it('nothing in the template looks like a bot token', () => {
    expect(JSON.stringify(synth.json)).not.toMatch(TELEGRAM_TOKEN);
  });

  it('functions find the secret by ARN', () => {
    synth.template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: { [ENV.channelSecretArn]: { Ref: secretId } } },
    });
  });
});

describe('nothing secret in the template', () => {
  /** The local runtime's credentials: if any ever leaked into infra code, they would show up here. */
  const SECRET_VALUES = Object.entries(LOCAL_DEFAULTS)
    .filter(([name]) => /TOKEN|SECRET|SID/.test(name))
    .map(([, value]) => value);

  function fullySpecifiedTemplate(): string {
    const app = new App({ context: { [BUNDLING_STACKS]: [] } });
    const stack = new OmnichannelSupportStack(app, 'Everything', {
      support: {
        ordersApi: { url: 'https://orders.example.com/api' },
        passwordResetUserPoolClientId: '1example23456789',
        transcriptRetention: Duration.days(30),
        alarmActions: ['arn:aws:sns:us-east-1:111122223333:alarms'],
        whatsappTemplate: { name: 'follow_up', language: 'en' },
      },
    });
    return JSON.stringify(Template.fromStack(stack).toJSON());
  }

  it('contains none of the local credential values, with every prop set', () => {
    const template = `${JSON.stringify(synth.json)}${fullySpecifiedTemplate()}`;
    expect(SECRET_VALUES.length).toBeGreaterThan(5);
    for (const value of SECRET_VALUES) expect(template).not.toContain(value);
    expect(template).not.toMatch(TELEGRAM_TOKEN);
    expect(template).not.toMatch(/EAA[A-Za-z0-9]{20,}/);
  });

  it('gives no function an environment variable that holds a credential (only secret ARNs)', () => {
    const app = new App({ context: { [BUNDLING_STACKS]: [] } });
    const stack = new OmnichannelSupportStack(app, 'Env', {
      support: { ordersApi: { url: 'https://orders.example.com/api' } },
    });
    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const names = Object.values(functions).flatMap((fn) =>
      Object.keys((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables),
    );
    expect(names).toContain(ORDERS_API_ENV.secretArn);
    expect(names).not.toContain(ORDERS_API_ENV.secret);
    for (const name of names.filter((n) => /SECRET|TOKEN|PASSWORD|KEY/.test(n)))
      expect(name).toMatch(/_ARN$/);
  });
});
