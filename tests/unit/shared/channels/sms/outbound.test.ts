import { describe, expect, it } from 'vitest';
import { TwilioSandbox, twilioErrorReply } from '../../../../../infra/local/sandbox/twilio-sandbox.ts';
import { ChannelApiError } from '../../../../../shared/channels/errors.ts';
import type { TwilioCredentials } from '../../../../../shared/channels/sms/credentials.ts';
import { smsOutboundAdapter } from '../../../../../shared/channels/sms/outbound.ts';
import { deliveryReference } from '../../../../../shared/domain/delivery-reference.ts';
import type { OutboundMessage } from '../../../../../shared/domain/messages.ts';

const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'f00dfeedf00dfeedf00dfeedf00dfeed';
const CUSTOMER = '+15017122661';
const OUR_NUMBER = '+15558675310';

const message: OutboundMessage = {
  messageId: 'm-1',
  conversationId: 'c-1',
  author: { kind: 'bot' },
  to: { channel: 'sms', accountId: OUR_NUMBER, userId: CUSTOMER, chatId: CUSTOMER },
  text: 'How can I help?',
  quickReplies: [{ label: 'Order status', payload: 'flow:order_status' }],
  status: 'queued',
  createdAt: '2026-03-04T05:06:07.000Z',
};

/** A fetch that hands each Messages.json call to the sandbox, as the HTTP listener would. */
function sandboxFetch(sandbox: TwilioSandbox): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const account = /\/Accounts\/([^/]+)\/Messages\.json$/.exec(path)?.[1] ?? '';
    const params = Object.fromEntries(new URLSearchParams(String(init?.body)));
    const reply = sandbox.createMessage(
      new Headers(init?.headers).get('authorization') ?? undefined,
      account,
      params,
    );
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
  }) as typeof fetch;
}

function adapterFor(
  sandbox: TwilioSandbox,
  credentials: () => Promise<TwilioCredentials>,
  publicBaseUrl?: string,
) {
  return smsOutboundAdapter({
    credentials,
    apiUrl: 'http://sandbox.local',
    fetch: sandboxFetch(sandbox),
    ...(publicBaseUrl ? { publicBaseUrl } : {}),
  });
}

const fixed = async (): Promise<TwilioCredentials> => ({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });

describe('smsOutboundAdapter', () => {
  it('declares SMS capabilities: 1600 characters, numbered text, no reply window', () => {
    const adapter = adapterFor(new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN), fixed);
    expect(adapter.channel).toBe('sms');
    expect(adapter.capabilities).toStrictEqual({ maxTextLength: 1600, buttons: 'numbered_text' });
  });

  it('delivers the rendered text to the phone and returns the sid Twilio gave', async () => {
    const sandbox = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
    const adapter = adapterFor(sandbox, fixed, 'https://abc.execute-api.eu-west-1.amazonaws.com/');
    const { providerMessageId } = await adapter.deliver(message, { window: 'open' });
    const [shown] = sandbox.messagesFor(CUSTOMER);
    expect(shown).toMatchObject({
      sid: providerMessageId,
      from: OUR_NUMBER,
      text: 'How can I help?\n1. Order status\nReply with a number.',
      // Our tag rides in the callback URL, so Twilio's status report names the message.
      statusCallback: `https://abc.execute-api.eu-west-1.amazonaws.com/webhooks/sms?ref=${encodeURIComponent(deliveryReference(message))}`,
    });
    expect(providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('sends every part of a long text in order and returns the sid of the last', async () => {
    const sandbox = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
    const text = Array.from({ length: 600 }, (_, index) => `word${index}`).join(' ');
    const { providerMessageId } = await adapterFor(sandbox, fixed).deliver(
      { ...message, text, quickReplies: [] },
      { window: 'open' },
    );
    const shown = sandbox.messagesFor(CUSTOMER);
    expect(shown.length).toBeGreaterThan(2);
    expect(shown.map((one) => one.text).join(' ')).toBe(text);
    expect(shown.at(-1)?.sid).toBe(providerMessageId);
    expect(shown.every((one) => one.statusCallback === undefined)).toBe(true);
  });

  it("surfaces Twilio's refusal (21610, unsubscribed) as a ChannelApiError that is not retried", async () => {
    const sandbox = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
    sandbox.optOut(CUSTOMER);
    const error = await adapterFor(sandbox, fixed)
      .deliver(message, { window: 'open' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({ providerCode: '21610', retryable: false });
  });

  it('surfaces a throttle as retryable', async () => {
    const sandbox = new TwilioSandbox(ACCOUNT_SID, AUTH_TOKEN);
    sandbox.injectFailures(twilioErrorReply(429, 20429, 'Too Many Requests'));
    await expect(adapterFor(sandbox, fixed).deliver(message, { window: 'open' })).rejects.toMatchObject({
      providerCode: '20429',
      retryable: true,
    });
    await expect(adapterFor(sandbox, fixed).deliver(message, { window: 'open' })).resolves.toBeDefined();
  });

  it('picks up a rotated auth token on the next delivery', async () => {
    const sandbox = new TwilioSandbox(ACCOUNT_SID, 'new-token');
    let token = 'old-token';
    const adapter = adapterFor(sandbox, async () => ({ accountSid: ACCOUNT_SID, authToken: token }));
    await expect(adapter.deliver(message, { window: 'open' })).rejects.toMatchObject({
      providerCode: '20003',
    });
    token = 'new-token';
    await expect(adapter.deliver(message, { window: 'open' })).resolves.toBeDefined();
  });
});
