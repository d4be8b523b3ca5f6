import { CHANNEL_SECRET_NAMES } from '../../shared/channels/credentials.ts';
import { TWILIO_DEFAULT_API_URL } from '../../shared/channels/sms/send.ts';
import { TELEGRAM_DEFAULT_API_URL } from '../../shared/channels/telegram/send.ts';
import { ENV, WEBHOOK_ROUTES, type WebhookChannel } from '../../shared/definitions.ts';
import type { GoLiveSettings } from './go-live.ts';

const ALL_CHANNELS = Object.keys(WEBHOOK_ROUTES) as WebhookChannel[];
const CREDENTIAL_NAMES: readonly string[] = Object.values(CHANNEL_SECRET_NAMES).flat();

/** The stack outputs that name an enabled channel (infra/aws/stack.ts creates one per channel). */
const WEBHOOK_OUTPUTS: Record<string, WebhookChannel> = {
  TelegramWebhookUrl: 'telegram',
  WhatsappWebhookUrl: 'whatsapp',
  MessengerWebhookUrl: 'messenger',
  SmsWebhookUrl: 'sms',
};

function apiUrls(env: NodeJS.ProcessEnv): Pick<GoLiveSettings, 'telegramApiUrl' | 'twilioApiUrl'> {
  return {
    telegramApiUrl: env[ENV.telegramApiUrl] || TELEGRAM_DEFAULT_API_URL,
    twilioApiUrl: env[ENV.twilioApiUrl] || TWILIO_DEFAULT_API_URL,
  };
}

export function parseChannels(list: string | undefined): readonly WebhookChannel[] {
  if (!list) return ALL_CHANNELS;
  const channels = list.split(',').map((channel) => channel.trim());
  for (const channel of channels) {
    if (!ALL_CHANNELS.includes(channel as WebhookChannel)) throw new Error(`Unknown channel ${channel}`);
  }
  return channels as WebhookChannel[];
}

/** `--base-url`: a URL given by hand (a custom domain, the local runtime); credentials from the environment. */
export function settingsFromEnvironment(
  baseUrl: string,
  channels: readonly WebhookChannel[],
  env: NodeJS.ProcessEnv = process.env,
): GoLiveSettings {
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    channels,
    credentials: Object.fromEntries(CREDENTIAL_NAMES.map((name) => [name, env[name]])),
    ...apiUrls(env),
  };
}

/**
 * The deployed stack: its outputs (CloudFormation DescribeStacks) give the API URL, the enabled
 * channels and the channel secret, whose values come from Secrets Manager. Uses the caller's AWS
 * credentials and region (AWS_PROFILE, AWS_REGION) like the AWS CLI.
 */
export async function settingsFromStack(
  stackName: string,
  channelFilter: readonly WebhookChannel[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<GoLiveSettings> {
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const described = await new CloudFormationClient({}).send(
    new DescribeStacksCommand({ StackName: stackName }),
  );
  const outputs = Object.fromEntries(
    (described.Stacks?.[0]?.Outputs ?? []).map((output) => [
      output.OutputKey ?? '',
      output.OutputValue ?? '',
    ]),
  );
  const baseUrl = outputs.ApiUrl;
  const secretArn = outputs.ChannelSecretArn;
  if (!baseUrl || !secretArn) throw new Error(`Stack ${stackName} has no ApiUrl or ChannelSecretArn output`);
  const deployed = Object.entries(WEBHOOK_OUTPUTS)
    .filter(([output]) => outputs[output])
    .map(([, channel]) => channel);
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: secretArn }));
  const credentials = JSON.parse(secret.SecretString ?? '{}') as Record<string, string>;
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    channels: channelFilter ? deployed.filter((channel) => channelFilter.includes(channel)) : deployed,
    credentials,
    ...apiUrls(env),
  };
}
