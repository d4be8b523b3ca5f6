import { describe, expect, it } from 'vitest';
import { ordersProvider } from '../../../../bots/support/services.ts';
import { ENV } from '../../../../shared/definitions.ts';

describe('ordersProvider', () => {
  it('uses the demo orders locally', async () => {
    const provider = ordersProvider({});
    expect(await provider?.findOrder('A-100001')).toMatchObject({ number: 'A-100001' });
  });

  it('never serves demo orders on AWS: without an orders API there is no provider', () => {
    expect(
      ordersProvider({ [ENV.channelSecretArn]: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' }),
    ).toBeUndefined();
  });

  it("uses the company's orders API when it is configured", () => {
    const provider = ordersProvider({
      [ENV.channelSecretArn]: 'arn:aws:secretsmanager:eu-west-1:1:secret:x',
      ORDERS_API_URL: 'https://orders.example.com',
      ORDERS_API_SECRET: 'secret',
    });
    expect(provider).toBeDefined();
    expect(provider?.findOrder).toBeTypeOf('function');
  });
});
