import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMessengerSandboxListener,
  MessengerSandbox,
  messengerSandboxFailures,
} from '../../../../../infra/local/sandbox/graph-messenger-sandbox.ts';
import { ChannelApiError } from '../../../../../shared/channels/errors.ts';
import { messengerOutboundAdapter } from '../../../../../shared/channels/messenger/outbound.ts';
import type { OutboundMessage } from '../../../../../shared/domain/messages.ts';

const TOKEN = 'EAAGsandboxpagetoken';
const PSID = '6543210987654321';

function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Hello' }, ...overrides };
}

function errorOf(reply: { body: Record<string, unknown> }) {
  return reply.body.error as {
    code: number;
    error_subcode?: number;
    message: string;
    type: string;
    fbtrace_id: string;
  };
}

describe('MessengerSandbox.handle', () => {
  it('refuses a missing token (2500) and a wrong one (190) like Graph, recording nothing', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    const missing = sandbox.handle(undefined, message());
    const wrong = sandbox.handle('EAAGother', message());
    expect([missing.status, errorOf(missing).code]).toEqual([400, 2500]);
    expect([wrong.status, errorOf(wrong).code, errorOf(wrong).type]).toEqual([400, 190, 'OAuthException']);
    expect(sandbox.calls).toEqual([]);
    expect(sandbox.allMessages()).toEqual([]);
  });

  it('accepts a message, answers recipient_id and an m_ message id, and shows it on the phone', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    const quickReplies = [{ content_type: 'text', title: 'Yes', payload: 'yes' }];
    const reply = sandbox.handle(TOKEN, message({ message: { text: 'Olá?', quick_replies: quickReplies } }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ recipient_id: PSID, message_id: expect.stringMatching(/^m_[\w-]{20,}$/) });
    expect(sandbox.messagesFor(PSID)).toEqual([
      {
        recipientId: PSID,
        messageId: reply.body.message_id,
        text: 'Olá?',
        quickReplies: [{ title: 'Yes', payload: 'yes' }],
        messagingType: 'RESPONSE',
        at: expect.any(String),
      },
    ]);
    expect(sandbox.messagesFor('someone-else')).toEqual([]);
    expect(sandbox.calls).toHaveLength(1);
  });

  it('gives every message its own id', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    const ids = [1, 2, 3].map(() => sandbox.handle(TOKEN, message()).body.message_id);
    expect(new Set(ids).size).toBe(3);
  });

  it.each([
    ['no recipient', { recipient: undefined }],
    ['an empty text', { message: { text: ' ' } }],
    ['no message and no sender action', { message: undefined }],
    ['a text over 2000 characters', { message: { text: 'x'.repeat(2001) } }],
    ['no messaging_type', { messaging_type: undefined }],
    ['MESSAGE_TAG without the HUMAN_AGENT tag', { messaging_type: 'MESSAGE_TAG', tag: 'ACCOUNT_UPDATE' }],
    [
      '14 quick replies',
      {
        message: {
          text: 'x',
          quick_replies: Array.from({ length: 14 }, (_, n) => ({
            content_type: 'text',
            title: `${n}`,
            payload: `${n}`,
          })),
        },
      },
    ],
    [
      'a quick reply title over 20 characters',
      {
        message: {
          text: 'x',
          quick_replies: [{ content_type: 'text', title: 't'.repeat(21), payload: 'p' }],
        },
      },
    ],
    [
      'a quick reply payload over 1000 characters',
      {
        message: {
          text: 'x',
          quick_replies: [{ content_type: 'text', title: 't', payload: 'p'.repeat(1001) }],
        },
      },
    ],
    ['both a message and a sender action', { sender_action: 'typing_on' }],
    ['an unknown sender action', { message: undefined, sender_action: 'dance' }],
  ])('refuses %s with a Graph code 100 error', (_name, overrides) => {
    const sandbox = new MessengerSandbox(TOKEN);
    const reply = sandbox.handle(TOKEN, message(overrides));
    expect(reply.status).toBe(400);
    expect(errorOf(reply)).toMatchObject({
      code: 100,
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    expect(sandbox.allMessages()).toEqual([]);
  });

  it('accepts 2000 characters counted as characters (emoji count once)', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    expect(sandbox.handle(TOKEN, message({ message: { text: '😀'.repeat(2000) } })).status).toBe(200);
  });

  it('accepts a sender action without showing a message', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    const reply = sandbox.handle(TOKEN, { recipient: { id: PSID }, sender_action: 'typing_on' });
    expect(reply).toMatchObject({ status: 200, body: { recipient_id: PSID } });
    expect(reply.body).not.toHaveProperty('message_id');
    expect(sandbox.allMessages()).toEqual([]);
  });

  it('answers injected failures in order, then succeeds', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    sandbox.injectFailures(
      messengerSandboxFailures.rateLimited(),
      messengerSandboxFailures.temporarySendFailure(),
    );
    const first = sandbox.handle(TOKEN, message());
    const second = sandbox.handle(TOKEN, message());
    const third = sandbox.handle(TOKEN, message());
    expect([first.status, errorOf(first).code]).toEqual([400, 613]);
    expect([second.status, errorOf(second).code]).toEqual([500, 1200]);
    expect(third.status).toBe(200);
    expect(sandbox.messagesFor(PSID)).toHaveLength(1);
    expect(sandbox.calls).toHaveLength(3);
  });

  it('refuses RESPONSE messages outside a closed window (10/2018278) but lets HUMAN_AGENT through', () => {
    const sandbox = new MessengerSandbox(TOKEN);
    sandbox.closeWindow(PSID);
    const refused = sandbox.handle(TOKEN, message());
    expect([refused.status, errorOf(refused).code, errorOf(refused).error_subcode]).toEqual([
      400, 10, 2018278,
    ]);
    expect(sandbox.handle(TOKEN, message({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(
      200,
    );
    expect(sandbox.messagesFor(PSID)[0]).toMatchObject({ messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    sandbox.reopenWindow(PSID);
    expect(sandbox.handle(TOKEN, message()).status).toBe(200);
  });

  it('keeps the phone history in a JSONL file and reads it back, surviving a torn last line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'messenger-sandbox-')), 'nested', 'messenger.jsonl');
    const first = new MessengerSandbox(TOKEN, file);
    first.handle(TOKEN, message({ message: { text: 'one' } }));
    first.handle(TOKEN, message({ message: { text: 'two' } }));
    appendFileSync(file, '{"recipientId":"torn');
    expect(readFileSync(file, 'utf8').split('\n')).toHaveLength(3);
    const reopened = new MessengerSandbox(TOKEN, file);
    expect(reopened.messagesFor(PSID).map((shown) => shown.text)).toEqual(['one', 'two']);
  });
});

describe('createMessengerSandboxListener over HTTP', () => {
  const sandbox = new MessengerSandbox(TOKEN);
  let server: Server;
  let base = '';

  beforeAll(async () => {
    const listener = createMessengerSandboxListener(sandbox, '/sandbox/graph');
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/graph`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${base}${path}`, { method: 'POST', body, headers });

  it('accepts the Bearer token at /me/messages and at /v23.0/me/messages', async () => {
    for (const path of ['/me/messages', '/v23.0/me/messages']) {
      const response = await post(path, JSON.stringify(message()), {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
      });
      expect(response.status, path).toBe(200);
      expect(await response.json()).toMatchObject({ recipient_id: PSID });
    }
  });

  it('accepts the access_token query parameter and Meta curl-style form bodies', async () => {
    const form = new URLSearchParams({
      recipient: `{'id':'${PSID}'}`,
      messaging_type: 'RESPONSE',
      message: `{'text':'hello, world'}`,
      access_token: TOKEN,
    });
    const viaForm = await post('/me/messages', form.toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(viaForm.status).toBe(200);
    const viaQuery = await post(`/me/messages?access_token=${TOKEN}`, JSON.stringify(message()), {
      'content-type': 'application/json',
    });
    expect(viaQuery.status).toBe(200);
    expect(sandbox.allMessages().some((shown) => shown.text === 'hello, world')).toBe(true);
  });

  it('answers 404 with a Graph error for any other path (the WhatsApp sandbox owns /{id}/messages)', async () => {
    for (const path of ['/1234567890/messages', '/me/conversations', '/']) {
      const response = await post(path, JSON.stringify(message()), { authorization: `Bearer ${TOKEN}` });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 2500, type: 'OAuthException' } });
    }
  });

  it('answers 400 to a GET and to a body that is not JSON', async () => {
    expect(
      (await fetch(`${base}/me/messages`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(400);
    const broken = await post('/me/messages', '{"recipient":', {
      'content-type': 'application/json',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 100 } });
  });

  it('serves the outbound adapter end to end: sends, then maps injected Graph errors', async () => {
    const adapter = messengerOutboundAdapter({
      credentials: async () => ({ pageAccessToken: TOKEN }),
      apiUrl: `${base}/v23.0`,
    });
    const outbound: OutboundMessage = {
      messageId: 'msg-1',
      conversationId: 'conv-1',
      author: { kind: 'bot' },
      to: { channel: 'messenger', accountId: '105', userId: 'psid-e2e', chatId: 'psid-e2e' },
      text: 'How can I help?',
      quickReplies: [{ label: 'Reset my password please now', payload: 'menu:password_reset' }],
      status: 'queued',
      createdAt: '2026-03-04T05:06:07.000Z',
    };
    const { providerMessageId } = await adapter.deliver(outbound, { window: 'open' });
    expect(sandbox.messagesFor('psid-e2e')).toEqual([
      expect.objectContaining({
        messageId: providerMessageId,
        quickReplies: [{ title: 'Reset my password p…', payload: 'menu:password_reset' }],
      }),
    ]);

    sandbox.injectFailures(
      messengerSandboxFailures.pageThrottled(),
      messengerSandboxFailures.userUnavailable(),
    );
    const throttled = await adapter.deliver(outbound, { window: 'open' }).catch((error: unknown) => error);
    const unavailable = await adapter.deliver(outbound, { window: 'open' }).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(ChannelApiError);
    expect(throttled).toMatchObject({ providerCode: '32', retryable: true });
    expect(unavailable).toMatchObject({ providerCode: '551/1545041', retryable: false });
  });
});
