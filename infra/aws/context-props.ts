import { Duration } from 'aws-cdk-lib';
import type { WebhookChannel } from '../../shared/definitions.ts';
import type { OmnichannelSupportProps } from './omnichannel-support.ts';

/**
 * `npm run deploy -- -c key=value` settings of this repo's own app, so an operator can configure the
 * stack without editing code (a team embedding the construct passes props instead):
 *
 *   channels=whatsapp,telegram        alarmTopicArns=arn:aws:sns:...:alerts[,arn:...]
 *   domainName=hooks.example.com      certificateArn=arn:aws:acm:...   (both, or neither)
 *   transcriptRetentionDays=365       passwordResetUserPoolClientId=<app client id>
 *   ordersApiUrl=https://orders.example.com/api   senderMaxConcurrency=5   tracing=false
 */
export const CONTEXT_KEYS = [
  'channels',
  'alarmTopicArns',
  'domainName',
  'certificateArn',
  'transcriptRetentionDays',
  'passwordResetUserPoolClientId',
  'ordersApiUrl',
  'senderMaxConcurrency',
  'tracing',
] as const;

export type ContextKey = (typeof CONTEXT_KEYS)[number];

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function wholeNumber(key: ContextKey, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`Context ${key} must be a whole number >= 1`);
  return parsed;
}

/** Props from context values (strings on the command line, or values in cdk.json / cdk.context.json). */
export function supportPropsFromContext(get: (key: ContextKey) => unknown): OmnichannelSupportProps {
  const value = (key: ContextKey): string | undefined => {
    const raw = get(key);
    return raw === undefined || raw === null || raw === '' ? undefined : String(raw);
  };
  const channels = value('channels');
  const topics = value('alarmTopicArns');
  const domainName = value('domainName');
  const certificateArn = value('certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error('Context domainName and certificateArn go together');
  }
  const retention = value('transcriptRetentionDays');
  const clientId = value('passwordResetUserPoolClientId');
  const ordersApiUrl = value('ordersApiUrl');
  const senderMaxConcurrency = value('senderMaxConcurrency');
  const tracing = value('tracing');
  return {
    ...(channels ? { channels: list(channels) as WebhookChannel[] } : {}),
    ...(topics ? { alarmActions: list(topics) } : {}),
    ...(domainName && certificateArn ? { customDomain: { domainName, certificate: certificateArn } } : {}),
    ...(retention
      ? { transcriptRetention: Duration.days(wholeNumber('transcriptRetentionDays', retention)) }
      : {}),
    ...(clientId ? { passwordResetUserPoolClientId: clientId } : {}),
    ...(ordersApiUrl ? { ordersApi: { url: ordersApiUrl } } : {}),
    ...(senderMaxConcurrency
      ? { senderMaxConcurrency: wholeNumber('senderMaxConcurrency', senderMaxConcurrency) }
      : {}),
    ...(tracing !== undefined ? { tracing: tracing !== 'false' } : {}),
  };
}
