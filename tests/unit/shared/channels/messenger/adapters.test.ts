import { describe, expect, it } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import type { MessengerCredentials } from '../../../../../shared/channels/messenger/credentials.ts';
import { messengerInboundAdapter } from '../../../../../shared/channels/messenger/inbound.ts';
import { messengerOutboundAdapter } from '../../../../../shared/channels/messenger/outbound.ts';
import {
  MESSENGER_SIGNATURE_HEADER,
  signMessengerBody,
} from '../../../../../shared/channels/messenger/verify.ts';
import type { OutboundMessage } from '../../../../../shared/domain/messages.ts';
import type { HttpRequest } from '../../../../../shared/http/types.ts';

const CREDENTIALS: MessengerCredentials = {
  appSecret: 'app-secret-current',
  verifyToken: 'verify-token',
  pageAccessToken: 'EAAGpagetoken',
};
const PSID = '6543210987654321';
const BODY = Buffer.from(
  JSON.stringify({
    object: 'page',
    entry: [
      {
        id: '105',
        time: 1,
        messaging: [
          {
            sender: { id: PSID },
            recipient: { id: '105' },
            timestamp: 1_767_225_600_000,
            message: { mid: 'm_1', text: 'hi' },
          },
        ],
      },
    ],
  }),
);

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'POST',
    path: '/webhooks/messenger',
    headers: { [MESSENGER_SIGNATURE_HEADER]: signMessengerBody(BODY, CREDENTIALS.appSecret) },
    query: {},
    rawBody: BODY,
    requestId: 'req-1',
    ...overrides,
  };
}

function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: 'msg-1',
    conversationId: 'conv-1',
    author: { kind: 'bot' },
    to: { channel: 'messenger', accountId: '105', userId: PSID, chatId: PSID },
    text: 'Hello',
    quickReplies: [],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
    ...overrides,
  };
}

describe('messengerInboundAdapter', () => {
  it('answers the subscription handshake with the configured verify token', async () => {
    const adapter = messengerInboundAdapter(async () => CREDENTIALS);
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-token', 'hub.challenge': '42' };
    const ok = await adapter.handshake?.(request({ method: 'GET', query, rawBody: Buffer.alloc(0) }));
    expect(ok).toMatchObject({ statusCode: 200, body: '42' });
    const refused = await adapter.handshake?.(
      request({ method: 'GET', query: { ...query, 'hub.verify_token': 'x' } }),
    );
    expect(refused?.statusCode).toBe(403);
  });

  it('authenticates with the app secret, asking for fresh credentials when told to', async () => {
    const asked: Array<boolean | undefined> = [];
    // The secret was rotated: only a refreshed fetch knows the new one.
    const rotated = { ...CREDENTIALS, appSecret: 'app-secret-new' };
    const adapter = messengerInboundAdapter(async ({ refresh }) => {
      asked.push(refresh);
      return refresh ? rotated : CREDENTIALS;
    });
    const signedWithNew = request({
      headers: { [MESSENGER_SIGNATURE_HEADER]: signMessengerBody(BODY, 'app-secret-new') },
    });
    expect(await adapter.authenticate(signedWithNew, { refreshCredentials: false })).toBe(false);
    expect(await adapter.authenticate(signedWithNew, { refreshCredentials: true })).toBe(true);
    expect(asked).toEqual([false, true]);
  });

  it('parses the raw body into events of the Page the body names', async () => {
    const adapter = messengerInboundAdapter(async () => CREDENTIALS);
    const events = await adapter.parse(request(), new Date('2026-03-04T05:06:07.000Z'));
    expect(events).toMatchObject([{ kind: 'message', eventId: 'messenger:105:m_1', text: 'hi' }]);
    expect(adapter.channel).toBe('messenger');
  });
});

describe('messengerOutboundAdapter', () => {
  function adapterWith(answers: Array<() => Response>) {
    const calls: RequestInit[] = [];
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      calls.push(init ?? {});
      const answer = answers.shift();
      if (!answer) throw new Error('unexpected call');
      return answer();
    }) as typeof globalThis.fetch;
    let token = CREDENTIALS.pageAccessToken;
    const adapter = messengerOutboundAdapter({
      credentials: async () => ({ pageAccessToken: token }),
      apiUrl: 'http://graph.test/v23.0',
      fetch,
    });
    return { adapter, calls, rotate: (next: string) => (token = next) };
  }
  const sent = (id: string) => () => Response.json({ recipient_id: PSID, message_id: id });

  it('declares 2000 characters, quick replies and a 24-hour window', () => {
    expect(adapterWith([]).adapter.capabilities).toEqual({
      maxTextLength: 2000,
      buttons: 'quick_replies',
      replyWindowHours: 24,
    });
  });

  it('sends every part and resolves with the message id of the last one', async () => {
    const { adapter, calls } = adapterWith([sent('m_1'), sent('m_2')]);
    const text = `${'a'.repeat(1500)} ${'b'.repeat(1500)}`;
    await expect(adapter.deliver(outbound({ text }), { window: 'open' })).resolves.toEqual({
      providerMessageId: 'm_2',
    });
    expect(calls).toHaveLength(2);
  });

  it('sends nothing at all when the message cannot go out (window closed)', async () => {
    const { adapter, calls } = adapterWith([sent('m_1')]);
    await expect(adapter.deliver(outbound(), { window: 'closed' })).rejects.toBeInstanceOf(
      UndeliverableMessageError,
    );
    expect(calls).toHaveLength(0);
  });

  it('uses the current Page token after a rotation', async () => {
    const { adapter, calls, rotate } = adapterWith([sent('m_1'), sent('m_2')]);
    await adapter.deliver(outbound(), { window: 'open' });
    rotate('EAAGrotated');
    await adapter.deliver(outbound(), { window: 'open' });
    expect(calls.map((call) => new Headers(call.headers).get('authorization'))).toEqual([
      `Bearer ${CREDENTIALS.pageAccessToken}`,
      'Bearer EAAGrotated',
    ]);
  });

  it('offers neither tap acknowledgement nor typing (Messenger needs neither / a PSID for it)', () => {
    const { adapter } = adapterWith([]);
    expect(adapter.acknowledgeTap).toBeUndefined();
    expect(adapter.markReadAndTyping).toBeUndefined();
  });
});
