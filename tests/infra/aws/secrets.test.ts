import type { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { beforeAll, describe, expect, it } from 'vitest';
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
