import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpMailDelivery } from '../../../../../bots/support/password-reset/mail-delivery.ts';
import {
  createMailboxListener,
  MAILBOX_PATH,
  Mailbox,
  normaliseAddress,
} from '../../../../../infra/local/sandbox/mailbox.ts';

describe('Mailbox', () => {
  it('keeps each address its own messages, e-mail addresses in any case', () => {
    const mailbox = new Mailbox();
    mailbox.deliver({ to: 'Emma.Clarke@Example.com', subject: 'Hi', text: 'one' });
    mailbox.deliver({ to: '+44 7700 900101', subject: '', text: 'two' });
    mailbox.deliver({ to: 'other@example.com', subject: 'Hi', text: 'three' });
    expect(mailbox.messagesFor('emma.clarke@example.com').map((m) => m.text)).toEqual(['one']);
    expect(mailbox.messagesFor('+447700900101').map((m) => m.text)).toEqual(['two']);
    expect(mailbox.messagesFor('nobody@example.com')).toEqual([]);
    expect(mailbox.allMessages().map((m) => m.id)).toEqual([1, 2, 3]);
  });

  it('refuses a message without an address or text', () => {
    const mailbox = new Mailbox();
    expect(() => mailbox.deliver({ to: ' ', subject: '', text: 'x' })).toThrow();
    expect(() => mailbox.deliver({ to: 'a@example.com', subject: '', text: '' })).toThrow();
    expect(mailbox.allMessages()).toHaveLength(0);
  });

  it('keeps its history in a JSONL file across a restart, past a torn last line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailbox-'));
    try {
      const file = join(dir, 'sub', 'mailbox.jsonl');
      const first = new Mailbox(file);
      first.deliver({ to: 'a@example.com', subject: 's', text: 'kept' });
      writeFileSync(file, `${readFileSync(file, 'utf8')}{"id":2,"to":"a@exa`);
      const second = new Mailbox(file);
      expect(second.messagesFor('a@example.com').map((m) => m.text)).toEqual(['kept']);
      expect(second.deliver({ to: 'a@example.com', subject: 's', text: 'next' }).id).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('normalises addresses the way it stores them', () => {
    expect(normaliseAddress(' A@B.com ')).toBe('a@b.com');
    expect(normaliseAddress('+1 (202) 555-0142')).toBe('+12025550142');
  });
});

describe('createMailboxListener', () => {
  let server: Server;
  let baseUrl: string;
  const mailbox = new Mailbox();

  beforeAll(async () => {
    const listener = createMailboxListener(mailbox, MAILBOX_PATH);
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${MAILBOX_PATH}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('takes deliveries over HTTP (as httpMailDelivery sends them) and shows each inbox', async () => {
    await httpMailDelivery(baseUrl).deliver({
      to: 'piotr.nowak@example.org',
      subject: 'Reset',
      text: 'link',
    });
    await httpMailDelivery(`${baseUrl}/`).deliver({ to: '+447700900303', subject: '', text: 'sms link' });
    const inbox = await fetch(`${baseUrl}/${encodeURIComponent('Piotr.Nowak@example.org')}`);
    expect(inbox.status).toBe(200);
    expect(await inbox.json()).toEqual({
      messages: [expect.objectContaining({ to: 'piotr.nowak@example.org', subject: 'Reset', text: 'link' })],
    });
    const phone = (await (await fetch(`${baseUrl}/+447700900303`)).json()) as {
      messages: { text: string }[];
    };
    expect(phone.messages.map((m) => m.text)).toEqual(['sms link']);
  });

  it('answers 400 for a bad delivery and 404 for anything else', async () => {
    const post = (body: string) => fetch(`${baseUrl}/messages`, { method: 'POST', body });
    expect((await post('not json')).status).toBe(400);
    expect((await post(JSON.stringify({ to: 'a@example.com', text: '' }))).status).toBe(400);
    expect((await post(JSON.stringify({ to: 7, text: 'x' }))).status).toBe(400);
    expect((await fetch(`${baseUrl}/a/b`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/%E0%A4%A`)).status).toBe(400);
    await expect(
      httpMailDelivery(baseUrl).deliver({ to: 'a@example.com', subject: '', text: '' }),
    ).rejects.toThrow('HTTP 400');
  });
});
