import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleDemoResetRequest } from '../../../../../bots/support/password-reset/demo-reset-route.ts';
import { identityProviderFromEnv } from '../../../../../bots/support/password-reset/provider-from-env.ts';
import { startPasswordReset } from '../../../../../bots/support/password-reset/start-password-reset.ts';
import { createMailboxListener, MAILBOX_PATH, Mailbox } from '../../../../../infra/local/sandbox/mailbox.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../../helpers/embedded-table.ts';

let table: EmbeddedTable;
let server: Server;
let baseUrl: string;
const mailbox = new Mailbox();

beforeAll(async () => {
  table = await startEmbeddedTable();
  const listener = createMailboxListener(mailbox, MAILBOX_PATH);
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => void listener(request, response, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await table.close();
});

describe('the demo provider as the local runtime wires it (environment, mailbox over HTTP)', () => {
  it('delivers the link through the sandbox, where the customer reads it and opens it once', async () => {
    const provider = identityProviderFromEnv(table, {
      MAILBOX_API_URL: `${baseUrl}${MAILBOX_PATH}`,
      PUBLIC_BASE_URL: baseUrl,
    });
    const now = new Date();
    const result = await startPasswordReset({
      table,
      provider,
      now,
      senderKey: 'telegram:bot:1001',
      accountHint: 'k.wisniewska@example.org',
      language: 'pl',
      minDurationMs: 0,
    });
    expect(result).toEqual({ outcome: 'sent' });

    const inbox = (await (await fetch(`${baseUrl}${MAILBOX_PATH}/k.wisniewska%40example.org`)).json()) as {
      messages: { subject: string; text: string }[];
    };
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]?.subject).toBe('Zresetuj hasło do konta Alpha');
    const link = new URL(/https?:\/\/\S+/.exec(inbox.messages[0]?.text ?? '')?.[0] ?? '');
    expect(`${link.origin}${link.pathname}`).toBe(`${baseUrl}/demo/reset`);

    const token = link.searchParams.get('token') ?? undefined;
    expect((await handleDemoResetRequest(table, { token }, new Date())).statusCode).toBe(200);
    expect((await handleDemoResetRequest(table, { token }, new Date())).statusCode).toBe(410);
  });
});
