import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWhatsappSandboxListener,
  WhatsappSandbox,
  whatsappSandboxFailures,
} from '../../../../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { ChannelApiError } from '../../../../../shared/channels/errors.ts';
import { whatsappOutboundAdapter } from '../../../../../shared/channels/whatsapp/outbound.ts';
import type { OutboundMessage } from '../../../../../shared/domain/messages.ts';

const TOKEN = 'EAAsandboxToken';
const PHONE_NUMBER_ID = '106540352242922';
const AUTH = `Bearer ${TOKEN}`;
const text = (to: string, body: string) => ({
  messaging_product: 'whatsapp',
  recipient_type: 'individual',
  to,
  type: 'text',
  text: { body },
});
const buttons = (titles: string[], body = 'Pick one') => ({
  messaging_product: 'whatsapp',
  to: '16505551234',
  type: 'interactive',
  interactive: {
    type: 'button',
    body: { text: body },
    action: {
      buttons: titles.map((title, index) => ({ type: 'reply', reply: { id: `id-${index}`, title } })),
    },
  },
});

describe('WhatsappSandbox', () => {
  it('refuses a wrong or missing bearer token with Graph error 190', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    for (const authorization of [undefined, 'Bearer wrong', TOKEN]) {
      const reply = sandbox.handle(authorization, PHONE_NUMBER_ID, text('16505551234', 'hi'));
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({
        error: { code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) },
      });
    }
    expect(sandbox.allMessages()).toHaveLength(0);
  });

  it('refuses a phone number id it does not know, like Graph (100, subcode 33)', () => {
    const sandbox = new WhatsappSandbox(TOKEN, undefined, [PHONE_NUMBER_ID]);
    expect(sandbox.handle(AUTH, '999', text('16505551234', 'hi'))).toMatchObject({
      status: 400,
      body: { error: { code: 100, error_subcode: 33 } },
    });
  });

  it('accepts a text, answers like the Messages API and shows it on the customer’s phone', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    const reply = sandbox.handle(AUTH, PHONE_NUMBER_ID, text('+16505551234', 'Olá'));
    expect(reply.status).toBe(200);
    const id = (reply.body.messages as { id: string }[])[0]?.id;
    expect(id).toMatch(/^wamid\./);
    expect(reply.body).toMatchObject({
      messaging_product: 'whatsapp',
      contacts: [{ input: '+16505551234', wa_id: '16505551234' }],
    });
    expect(sandbox.messagesFor('16505551234')).toMatchObject([
      { messageId: id, kind: 'text', text: 'Olá', buttons: [], phoneNumberId: PHONE_NUMBER_ID },
    ]);
    expect(sandbox.messagesFor('+16505551234')).toHaveLength(1);
    expect(sandbox.calls).toHaveLength(1);
  });

  it('accepts a BSUID recipient and echoes user_id, not wa_id', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    const body = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      recipient: 'US.13491208655302741918',
      type: 'text',
      text: { body: 'hi' },
    };
    expect(sandbox.handle(AUTH, PHONE_NUMBER_ID, body).body).toMatchObject({
      contacts: [{ input: 'US.13491208655302741918', user_id: 'US.13491208655302741918' }],
    });
    expect(sandbox.messagesFor('US.13491208655302741918')).toHaveLength(1);
  });

  it('gives every message its own wamid', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    for (let i = 0; i < 5; i++) sandbox.handle(AUTH, PHONE_NUMBER_ID, text('16505551234', `m${i}`));
    expect(new Set(sandbox.allMessages().map((message) => message.messageId)).size).toBe(5);
  });

  it.each([
    ['no messaging_product', { ...text('1', 'x'), messaging_product: undefined }, 100],
    ['no recipient', { ...text('1', 'x'), to: undefined }, 100],
    ['an empty text', text('1', ''), 131009],
    ['a text over 4096 characters', text('1', 'x'.repeat(4097)), 131009],
    ['four reply buttons', buttons(['a', 'b', 'c', 'd']), 131009],
    ['a button title over 20 characters', buttons(['x'.repeat(21)]), 131009],
    ['duplicate button titles', buttons(['Yes', 'Yes']), 131009],
    ['a button body over 1024 characters', buttons(['a'], 'x'.repeat(1025)), 131009],
    ['an unknown type', { ...text('1', 'x'), type: 'poll' }, 131009],
  ])('refuses %s with Meta’s error code', (_name, body, code) => {
    const reply = new WhatsappSandbox(TOKEN).handle(AUTH, PHONE_NUMBER_ID, body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: { code } });
  });

  it('shows a list with its rows and button label', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    const rows = Array.from({ length: 10 }, (_, i) => ({ id: `r${i}`, title: `Row ${i}` }));
    const list = {
      type: 'list',
      body: { text: 'Choose' },
      action: { button: 'Options', sections: [{ title: 'Options', rows }] },
    };
    expect(
      sandbox.handle(AUTH, PHONE_NUMBER_ID, {
        messaging_product: 'whatsapp',
        to: '1',
        type: 'interactive',
        interactive: list,
      }).status,
    ).toBe(200);
    expect(sandbox.messagesFor('1')[0]).toMatchObject({
      kind: 'interactive',
      text: 'Choose',
      listButton: 'Options',
      buttons: rows,
    });
    const eleven = {
      ...list,
      action: {
        ...list.action,
        sections: [{ title: 'Options', rows: [...rows, { id: 'r10', title: 'x' }] }],
      },
    };
    expect(
      sandbox.handle(AUTH, PHONE_NUMBER_ID, {
        messaging_product: 'whatsapp',
        to: '1',
        type: 'interactive',
        interactive: eleven,
      }).status,
    ).toBe(400);
  });

  it('shows a template with its body parameters', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    const template = {
      name: 'follow_up',
      language: { code: 'en_US' },
      components: [{ type: 'body', parameters: [{ type: 'text', text: 'Your order shipped' }] }],
    };
    sandbox.handle(AUTH, PHONE_NUMBER_ID, {
      messaging_product: 'whatsapp',
      to: '1',
      type: 'template',
      template,
    });
    expect(sandbox.messagesFor('1')[0]).toMatchObject({
      kind: 'template',
      text: '[follow_up] Your order shipped',
    });
  });

  it('records mark-read (with typing) calls and answers success without a message', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    const reply = sandbox.handle(AUTH, PHONE_NUMBER_ID, {
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN',
      typing_indicator: { type: 'text' },
    });
    expect(reply).toStrictEqual({ status: 200, body: { success: true } });
    expect(sandbox.readReceipts).toMatchObject([{ messageId: 'wamid.IN', typing: true }]);
    expect(sandbox.allMessages()).toHaveLength(0);
  });

  it('answers injected failures in order, then succeeds again', () => {
    const sandbox = new WhatsappSandbox(TOKEN);
    sandbox.injectFailures(
      whatsappSandboxFailures.pairRateLimit(),
      whatsappSandboxFailures.serviceUnavailable(),
    );
    expect(sandbox.handle(AUTH, PHONE_NUMBER_ID, text('1', 'a'))).toMatchObject({
      status: 400,
      body: { error: { code: 131056 } },
    });
    expect(sandbox.handle(AUTH, PHONE_NUMBER_ID, text('1', 'a'))).toMatchObject({
      status: 503,
      body: { error: { code: 131016 } },
    });
    expect(sandbox.handle(AUTH, PHONE_NUMBER_ID, text('1', 'a')).status).toBe(200);
    expect(sandbox.messagesFor('1')).toHaveLength(1);
  });

  it('keeps the phone’s history in a JSONL file across restarts, tolerating a torn last line', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wa-sandbox-')), 'history', 'whatsapp.jsonl');
    const first = new WhatsappSandbox(TOKEN, file);
    first.handle(AUTH, PHONE_NUMBER_ID, text('1', 'before restart'));
    writeFileSync(file, `${readFileSync(file, 'utf8')}{"torn`);
    const second = new WhatsappSandbox(TOKEN, file);
    expect(second.messagesFor('1')).toMatchObject([{ text: 'before restart' }]);
    second.handle(AUTH, PHONE_NUMBER_ID, text('1', 'after restart'));
    expect(second.messagesFor('1').map((message) => message.messageId)).toHaveLength(2);
    expect(new Set(second.messagesFor('1').map((message) => message.messageId)).size).toBe(2);
  });
});

describe('createWhatsappSandboxListener over HTTP', () => {
  const sandbox = new WhatsappSandbox(TOKEN);
  const listener = createWhatsappSandboxListener(sandbox, '/sandbox/graph');
  let server: Server;
  let base = '';

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/graph`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const message: OutboundMessage = {
    messageId: 'm-1',
    conversationId: 'c-1',
    author: { kind: 'bot' },
    to: {
      channel: 'whatsapp',
      accountId: PHONE_NUMBER_ID,
      userId: 'US.13491208655302741918',
      chatId: 'US.13491208655302741918',
    },
    text: 'How can I help?',
    quickReplies: [
      { label: 'Reset my password', payload: 'menu:password_reset' },
      { label: 'Where is my order?', payload: 'menu:order_status' },
    ],
    status: 'queued',
    createdAt: '2026-03-04T05:06:07.000Z',
  };

  it('takes the real adapter’s calls and shows the buttons on the customer’s phone', async () => {
    const adapter = whatsappOutboundAdapter({
      credentials: async () => ({ appSecret: 's', verifyToken: 'v', accessToken: TOKEN }),
      apiUrl: base,
    });
    const { providerMessageId } = await adapter.deliver(message, { window: 'open' });
    await adapter.markReadAndTyping?.(PHONE_NUMBER_ID, 'wamid.IN');
    const phone = (await (await fetch(`${base}/whatsapp/chats/US.13491208655302741918`)).json()) as {
      messages: unknown[];
    };
    expect(phone.messages).toMatchObject([
      {
        messageId: providerMessageId,
        kind: 'interactive',
        text: 'How can I help?',
        buttons: [
          { id: 'menu:password_reset', title: 'Reset my password' },
          { id: 'menu:order_status', title: 'Where is my order?' },
        ],
      },
    ]);
    expect(sandbox.readReceipts.at(-1)).toMatchObject({ messageId: 'wamid.IN', typing: true });
  });

  it('hands an injected pair-rate-limit error to the adapter as a retryable ChannelApiError', async () => {
    sandbox.injectFailures(whatsappSandboxFailures.pairRateLimit());
    const adapter = whatsappOutboundAdapter({
      credentials: async () => ({ appSecret: 's', verifyToken: 'v', accessToken: TOKEN }),
      apiUrl: base,
    });
    const error = await adapter.deliver(message, { window: 'open' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelApiError);
    expect(error).toMatchObject({ providerCode: '131056', retryable: true });
  });

  it('accepts a versioned path and answers Graph-style 404s for paths it does not own', async () => {
    const post = (path: string, body: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        body,
      });
    expect((await post(`/v23.0/${PHONE_NUMBER_ID}/messages`, JSON.stringify(text('1', 'v')))).status).toBe(
      200,
    );
    const messenger = await post('/me/messages', '{}');
    expect(messenger.status).toBe(404);
    expect(await messenger.json()).toMatchObject({ error: { code: 2500 } });
    const invalid = await post(`/${PHONE_NUMBER_ID}/messages`, '{not json');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 100 } });
  });
});
