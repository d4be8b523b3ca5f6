import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ENV } from '../../../shared/definitions.ts';

/** Stands in for the BotFather token until the operator replaces it; never a working credential. */
const BOT_TOKEN_PLACEHOLDER = 'replace-with-the-botfather-token';

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

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: 'Omnichannel support: messaging channel credentials (JSON). Set real values after deploy.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ [ENV.telegramBotToken]: BOT_TOKEN_PLACEHOLDER }),
        generateStringKey: ENV.telegramWebhookSecret,
        excludePunctuation: true,
        includeSpace: false,
        passwordLength: 64,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotation is not applicable: the Telegram bot token is issued and revoked only through BotFather, and ' +
        'the webhook secret changes only together with a setWebhook call, so the operator rotates both at the ' +
        'platform and then updates this secret.',
    });
  }
}
