import { describe, expect, it } from 'vitest';
import { type ContextKey, supportPropsFromContext } from '../../../../infra/aws/context-props.ts';

const from = (values: Partial<Record<ContextKey, unknown>>) => supportPropsFromContext((key) => values[key]);

describe('deploy-time context', () => {
  it('is empty by default: the construct defaults apply', () => {
    expect(from({})).toEqual({});
  });

  it('turns -c values into construct props', () => {
    const props = from({
      channels: 'whatsapp, telegram',
      alarmTopicArns: 'arn:aws:sns:us-east-1:111122223333:a,arn:aws:sns:us-east-1:111122223333:b',
      domainName: 'hooks.example.com',
      certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
      transcriptRetentionDays: '365',
      passwordResetUserPoolClientId: 'client123',
      ordersApiUrl: 'https://orders.example.com/api',
      senderMaxConcurrency: 3,
      tracing: 'false',
    });
    expect(props).toMatchObject({
      channels: ['whatsapp', 'telegram'],
      alarmActions: ['arn:aws:sns:us-east-1:111122223333:a', 'arn:aws:sns:us-east-1:111122223333:b'],
      customDomain: {
        domainName: 'hooks.example.com',
        certificate: 'arn:aws:acm:us-east-1:111122223333:certificate/x',
      },
      passwordResetUserPoolClientId: 'client123',
      ordersApi: { url: 'https://orders.example.com/api' },
      senderMaxConcurrency: 3,
      tracing: false,
    });
    expect(props.transcriptRetention?.toDays()).toBe(365);
  });

  it('refuses half a custom domain and nonsense numbers', () => {
    expect(() => from({ domainName: 'hooks.example.com' })).toThrow(/go together/);
    expect(() => from({ transcriptRetentionDays: '0' })).toThrow(/transcriptRetentionDays/);
  });
});
