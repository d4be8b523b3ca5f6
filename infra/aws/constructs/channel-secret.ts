import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { CHANNEL_SECRET_NAMES } from '../../../shared/channels/credentials.ts';
import { ENV } from '../../../shared/definitions.ts';
import type { Channel } from '../../../shared/domain/channel.ts';

/** Stands in for a platform credential until the operator replaces it; never a working credential. */
const PLACEHOLDER = 'replace-me';

/**
 * The enabled channels' secret names, with placeholders; the Telegram webhook secret is generated
 * for real (it is generated in any case: Secrets Manager needs one key to generate).
 */
function secretTemplate(channels: readonly Channel[]): Record<string, string> {
  return Object.fromEntries(
    channels
      .flatMap((channel): readonly string[] => CHANNEL_SECRET_NAMES[channel])
      .filter((name) => name !== ENV.telegramWebhookSecret)
      .map((name) => [name, PLACEHOLDER]),
  );
}

export interface ChannelSecretProps {
  /** @default every channel */
  readonly channels?: readonly Channel[];
}

/**
 * Channel credentials as one JSON secret, keyed like the local env vars (ENV.telegramBotToken, ...).
 *
 * After the first deploy the operator writes the real values, e.g.
 * `aws secretsmanager put-secret-value --secret-id <ChannelSecretArn> --secret-string '{...}'`.
 * The webhook secret is generated here for real (Telegram accepts 1-256 of A-Z a-z 0-9 _ -): pass it to
 * setWebhook as `secret_token`. No value ever appears in the template or in function environments;
 * functions get the ARN and read the secret at run time.
 */
export class ChannelSecret extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: ChannelSecretProps = {}) {
    super(scope, id);
    const channels = props.channels ?? (Object.keys(CHANNEL_SECRET_NAMES) as Channel[]);
    this.secret = new Secret(this, 'Secret', {
      description: 'Omnichannel support: messaging channel credentials (JSON). Set real values after deploy.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify(secretTemplate(channels)),
        generateStringKey: ENV.telegramWebhookSecret,
        excludePunctuation: true,
        includeSpace: false,
        passwordLength: 64,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation is not applicable: these are third-party platform credentials (Telegram bot token from BotFather, ' +
        'Meta app secret and tokens, Twilio auth token) that are issued and revoked only in those platforms, and ' +
        'the webhook secrets change only together with the platform registration, so the operator rotates them at ' +
        'the platform and then updates this secret.',
    });
  }
}
