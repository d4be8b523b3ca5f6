import { afterEach, describe, expect, it, vi } from 'vitest';
import { UndeliverableMessageError } from '../../../../../shared/channels/errors.ts';
import {
  type WhatsappCredentials,
  whatsappCredentials,
  whatsappTemplateFromEnv,
} from '../../../../../shared/channels/whatsapp/credentials.ts';
import { whatsappInboundAdapter } from '../../../../../shared/channels/whatsapp/inbound.ts';
import { whatsappOutboundAdapter } from '../../../../../shared/channels/whatsapp/outbound.ts';
import { signWhatsappBody } from '../../../../../shared/channels/whatsapp/verify.ts';
import type { OutboundMessage } from '../../../../../shared/domain/messages.ts';
import type { HttpRequest } from '../../../../../shared/http/types.ts';
import { CUSTOMER_WA_ID, load, PHONE_NUMBER_ID, RECEIVED_AT, SAMPLE_DIR } from './helpers.ts';

const CREDENTIALS: WhatsappCredentials = {
  appSecret: 'app-secret',
  verifyToken: 'verify-me',
  accessToken: 'EAAtoken1',
};

function request(overrides: Partial<HttpRequest> = {}): HttpRequest {
  return {
    method: 'POST',
    path: '/webhooks/whatsapp',
    headers: {},
    query: {},
    rawBody: Buffer.alloc(0),
    requestId: 'req-1',
    ...overrides,
  };
}

describe('whatsappInboundAdapter', () => {
  const adapter = whatsappInboundAdapter(async () => CREDENTIALS);
  const handshake = (query: Record<string, string | undefined>) =>
    adapter.handshake?.(request({ method: 'GET', query }));

  it('answers the subscription handshake with the challenge as plain text', async () => {
    await expect(
      handshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1158201444' }),
    ).resolves.toStrictEqual({
      statusCode: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: '1158201444',
    });
  });

  it.each([
    ['a wrong token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-you', 'hub.challenge': '1' }],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    ['another mode', { 'hub.mode': 'unsubscribe', 'hub.verify_token': 'verify-me', 'hub.challenge': '1' }],
    ['no challenge', { 'hub.mode': 'subscribe', 'hub.verify_token': 'verify-me' }],
    [
      'underscored names (PHP style)',
      { hub_mode: 'subscribe', hub_verify_token: 'verify-me', hub_challenge: '1' },
    ],
  ])('answers 403 to a handshake with %s', async (_name, query) => {
    await expect(handshake(query)).resolves.toMatchObject({ statusCode: 403 });
  });

  it('authenticates with the app secret, asking for fresh credentials when told to', async () => {
    const asked: boolean[] = [];
    const rotating = whatsappInboundAdapter(async ({ refresh }) => {
      asked.push(refresh === true);
      return refresh ? { ...CREDENTIALS, appSecret: 'rotated' } : CREDENTIALS;
    });
    const rawBody = Buffer.from(load(SAMPLE_DIR, 'doc_text.json'));
    const signed = request({
      rawBody,
      headers: { 'x-hub-signature-256': signWhatsappBody(rawBody, 'rotated') },
    });
    await expect(rotating.authenticate(signed, { refreshCredentials: false })).resolves.toBe(false);
    await expect(rotating.authenticate(signed, { refreshCredentials: true })).resolves.toBe(true);
    expect(asked).toStrictEqual([false, true]);
  });

  it('parses the raw body into events', async () => {
    const rawBody = Buffer.from(load(SAMPLE_DIR, 'doc_text.json'));
    const [event] = await adapter.parse(request({ rawBody }), RECEIVED_AT);
    expect(event).toMatchObject({
      kind: 'message',
      address: { channel: 'whatsapp', accountId: PHONE_NUMBER_ID },
    });
    expect(adapter.channel).toBe('whatsapp');
  });
});

describe('whatsappOutboundAdapter', () => {
  const message: OutboundMessage = {
    messageId: 'm-1',
    conversationId: 'c-1',
    author: { kind: 'bot' },
    to: { channel: 'whatsapp', accountId: PHONE_NUMBER_ID, userId: CUSTOMER_WA_ID, chatId: CUSTOMER_WA_ID },
    text: `${'a'.repeat(4000)} ${'b'.repeat(500)}`,
    quickReplies: [{ label: 'Yes', payload: 'yes' }],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
  };

  function recordingFetch() {
    const calls: { url: string; body: Record<string, unknown>; authorization: string | null }[] = [];
    const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({
        url: String(input),
        body: JSON.parse(String(init?.body)),
        authorization: new Headers(init?.headers).get('authorization'),
      });
      const body =
        calls.at(-1)?.body.status === 'read'
          ? { success: true }
          : { messages: [{ id: `wamid.OUT${calls.length}` }] };
      return new Response(JSON.stringify(body), { status: 200 });
    }) as typeof globalThis.fetch;
    return { calls, fetch };
  }

  it('declares 4096-character texts, reply buttons and the 24-hour window', () => {
    const adapter = whatsappOutboundAdapter({
      credentials: async () => CREDENTIALS,
      apiUrl: 'http://sandbox',
    });
    expect(adapter.capabilities).toStrictEqual({
      maxTextLength: 4096,
      buttons: 'reply_buttons',
      replyWindowHours: 24,
    });
  });

  it('sends every part from the receiving number and resolves with the last wamid', async () => {
    const { calls, fetch } = recordingFetch();
    const adapter = whatsappOutboundAdapter({
      credentials: async () => CREDENTIALS,
      apiUrl: 'http://sandbox/graph',
      fetch,
    });
    await expect(adapter.deliver(message, { window: 'open' })).resolves.toStrictEqual({
      providerMessageId: 'wamid.OUT2',
    });
    expect(calls.map((call) => call.url)).toStrictEqual([
      `http://sandbox/graph/${PHONE_NUMBER_ID}/messages`,
      `http://sandbox/graph/${PHONE_NUMBER_ID}/messages`,
    ]);
    expect(calls.map((call) => call.body.type)).toStrictEqual(['text', 'interactive']);
    expect(calls.every((call) => call.authorization === 'Bearer EAAtoken1')).toBe(true);
  });

  it('sends the configured template when only templates may go out', async () => {
    const { calls, fetch } = recordingFetch();
    const adapter = whatsappOutboundAdapter({
      credentials: async () => CREDENTIALS,
      apiUrl: 'http://sandbox',
      template: { name: 'follow_up', language: 'pt_BR' },
      fetch,
    });
    await adapter.deliver({ ...message, text: 'Olá de novo' }, { window: 'template_only' });
    expect(calls[0]?.body).toMatchObject({
      type: 'template',
      template: { name: 'follow_up', language: { code: 'pt_BR' } },
    });
  });

  it('refuses an undeliverable message before opening any connection', async () => {
    const { calls, fetch } = recordingFetch();
    const adapter = whatsappOutboundAdapter({
      credentials: async () => CREDENTIALS,
      apiUrl: 'http://sandbox',
      fetch,
    });
    await expect(adapter.deliver(message, { window: 'template_only' })).rejects.toBeInstanceOf(
      UndeliverableMessageError,
    );
    expect(calls).toHaveLength(0);
  });

  it('marks a message read with typing, and follows a rotated token', async () => {
    const { calls, fetch } = recordingFetch();
    let token = 'EAAtoken1';
    const adapter = whatsappOutboundAdapter({
      credentials: async () => ({ ...CREDENTIALS, accessToken: token }),
      apiUrl: 'http://sandbox',
      fetch,
    });
    await adapter.markReadAndTyping?.(PHONE_NUMBER_ID, 'wamid.IN');
    token = 'EAAtoken2';
    await adapter.markReadAndTyping?.(PHONE_NUMBER_ID, 'wamid.IN2');
    expect(calls.map((call) => [call.body.message_id, call.authorization])).toStrictEqual([
      ['wamid.IN', 'Bearer EAAtoken1'],
      ['wamid.IN2', 'Bearer EAAtoken2'],
    ]);
    expect(calls[0]?.body).toMatchObject({ status: 'read', typing_indicator: { type: 'text' } });
  });
});

describe('WhatsApp configuration', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads the window-closed template only when both name and language are set', () => {
    vi.stubEnv('WHATSAPP_TEMPLATE_NAME', 'follow_up');
    vi.stubEnv('WHATSAPP_TEMPLATE_LANGUAGE', '');
    expect(whatsappTemplateFromEnv()).toBeUndefined();
    vi.stubEnv('WHATSAPP_TEMPLATE_LANGUAGE', 'en_US');
    expect(whatsappTemplateFromEnv()).toStrictEqual({ name: 'follow_up', language: 'en_US' });
  });

  it('reads the three secrets from the environment locally', async () => {
    vi.stubEnv('CHANNEL_SECRET_ARN', '');
    vi.stubEnv('WHATSAPP_APP_SECRET', 's');
    vi.stubEnv('WHATSAPP_VERIFY_TOKEN', 'v');
    vi.stubEnv('WHATSAPP_ACCESS_TOKEN', 't');
    await expect(whatsappCredentials()).resolves.toStrictEqual({
      appSecret: 's',
      verifyToken: 'v',
      accessToken: 't',
    });
  });
});
