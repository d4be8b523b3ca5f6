/**
 * Reliability cases 25-28: provider faults at the send side. Cases 25 and 27 run end to end in the
 * local runtime (in process) against the platform sandboxes; 26 and 28 drive the sender over the
 * local queue and the embedded table, 28 with the real Telegram adapter against a slow server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DEFAULTS, type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.ts';
import { whatsappSandboxFailures } from '../../infra/local/sandbox/graph-whatsapp-sandbox.ts';
import { twilioErrorReply } from '../../infra/local/sandbox/twilio-sandbox.ts';
import { type CustomerText, signedCustomerText } from '../../scripts/lib/customer-webhooks.ts';
import { ChannelApiError } from '../../shared/channels/errors.ts';
import { telegramOutboundAdapter } from '../../shared/channels/telegram/outbound.ts';
import { TABLE, type WebhookChannel } from '../../shared/definitions.ts';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import { deliverOutbound } from '../../shared/pipeline/deliver-outbound.ts';
import { readTranscript } from '../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { waitFor } from '../helpers/local-runtime-process.ts';
import { startPipeline } from './harness.ts';

let runtime: LocalRuntime;
let dataDir: string;
let documents: DynamoDBDocumentClient;
let table: EmbeddedTable;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'omni-outbound-'));
  runtime = await startLocalRuntime({ PORT: '0', LOCAL_DATA_DIR: dataDir });
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.dynamoEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    }),
  );
  table = await startEmbeddedTable();
});

afterAll(async () => {
  await runtime?.close();
  await table?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

let nextId = 250_000;
async function customerWrites(channel: WebhookChannel, from: string, text = 'hello') {
  const message: CustomerText = { from, id: ++nextId, text, timestamp: Math.floor(Date.now() / 1000) };
  const webhook = signedCustomerText(channel, message, LOCAL_DEFAULTS, runtime.url);
  const response = await fetch(`${runtime.url}${webhook.path}`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.body,
  });
  expect(response.status).toBe(200);
}

async function botMessagesTo(userId: string): Promise<OutboundMessage[]> {
  const result = await documents.send(
    new ScanCommand({
      TableName: TABLE.localName,
      FilterExpression: '#to.userId = :userId AND begins_with(sk, :message)',
      ExpressionAttributeNames: { '#to': 'to' },
      ExpressionAttributeValues: { ':userId': userId, ':message': 'MESSAGE#' },
    }),
  );
  return (result.Items ?? []) as OutboundMessage[];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 800));

describe('reliability: outbound and provider faults', () => {
  it('case 25: 429s (Telegram retry_after, WhatsApp 130429 and 131056, Twilio 429) are waited out and end in exactly one send', async () => {
    const { telegram, whatsapp, twilio } = runtime.sandboxes;
    telegram.injectFailures({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      },
    });
    whatsapp.injectFailures(whatsappSandboxFailures.throughput(), whatsappSandboxFailures.pairRateLimit());
    twilio.injectFailures(twilioErrorReply(429, 20429, 'Too Many Requests'));
    const callsBefore = telegram.calls.length;

    await customerWrites('telegram', '2500001');
    await customerWrites('whatsapp', '5511925000001');
    await customerWrites('sms', '+48602500001');

    await waitFor(() => telegram.messagesFor('2500001').length > 0, 30_000, 'the Telegram reply');
    await waitFor(() => whatsapp.messagesFor('5511925000001').length > 0, 30_000, 'the WhatsApp reply');
    await waitFor(() => twilio.messagesFor('+48602500001').length > 0, 30_000, 'the SMS reply');
    await settle();
    expect(telegram.messagesFor('2500001')).toHaveLength(1);
    expect(whatsapp.messagesFor('5511925000001')).toHaveLength(1);
    expect(twilio.messagesFor('+48602500001')).toHaveLength(1);
    // The throttled call really happened and was retried, not skipped.
    const sendMessageCalls = telegram.calls
      .slice(callsBefore)
      .filter((call) => call.method === 'sendMessage' && String(call.params.chat_id) === '2500001');
    expect(sendMessageCalls).toHaveLength(2);
    for (const userId of ['2500001', '5511925000001', '+48602500001'])
      expect((await botMessagesTo(userId)).map((message) => message.status)).toEqual(['sent']);
    // The provider-id lookup (for status callbacks) holds a reference, not a copy of text and phone.
    const lookups = await documents.send(
      new ScanCommand({
        TableName: TABLE.localName,
        FilterExpression: 'begins_with(pk, :lookup)',
        ExpressionAttributeValues: { ':lookup': 'PROVIDERMSG#' },
      }),
    );
    expect(lookups.Items?.length).toBeGreaterThan(0);
    for (const item of lookups.Items ?? [])
      expect(Object.keys(item).sort()).toEqual(['conversationId', 'expiresAt', 'messageId', 'pk', 'sk']);
  });

  it('case 26: 5xx answers are retried within the attempt and delivered once', async () => {
    const { whatsapp, twilio } = runtime.sandboxes;
    whatsapp.injectFailures(
      whatsappSandboxFailures.serviceUnavailable(),
      whatsappSandboxFailures.somethingWentWrong(),
    );
    twilio.injectFailures(twilioErrorReply(500, 20500, 'Internal Server Error'));

    await customerWrites('whatsapp', '5511926000001');
    await customerWrites('sms', '+48602600001');

    await waitFor(() => whatsapp.messagesFor('5511926000001').length > 0, 30_000, 'the WhatsApp reply');
    await waitFor(() => twilio.messagesFor('+48602600001').length > 0, 30_000, 'the SMS reply');
    await settle();
    expect(whatsapp.messagesFor('5511926000001')).toHaveLength(1);
    expect(twilio.messagesFor('+48602600001')).toHaveLength(1);
  });

  it('case 26: a platform that keeps failing: bounded retries, then the message shows "failed" to agents and the record reaches the DLQ once', async () => {
    const pipeline = await startPipeline(table, { sender: { maxRetryWaitMs: 1_000 } });
    try {
      const failures = Array.from(
        { length: 40 },
        () => new ChannelApiError('telegram', 'sendMessage', 502, '502', 'Bad Gateway'),
      );
      pipeline.platforms.failNext(...failures);
      await pipeline.postSigned(
        pipeline.signed('telegram', {
          from: '2602',
          id: ++nextId,
          text: 'hi',
          timestamp: pipeline.seconds(),
        }),
      );
      await pipeline.drain();

      expect(pipeline.platforms.sends).toHaveLength(0);
      expect(pipeline.queues.outboundDlq.stats().visible).toBe(1);
      const conversationId = JSON.parse(pipeline.queues.outboundDlq.list()[0]!.body).work.conversationId;
      const reply = (await readTranscript(table, conversationId)).find(
        (entry) => entry.author.kind === 'bot',
      ) as OutboundMessage;
      expect(reply.status).toBe('failed');
      expect(reply.failure?.code).toBe('502');
    } finally {
      await pipeline.close();
    }
  });

  it('case 27: a permanent refusal is not retried: failed with the provider code, one call, nothing in the DLQ', async () => {
    const { whatsapp } = runtime.sandboxes;
    // The read receipt goes first and takes the first refusal; the reply takes the second.
    whatsapp.injectFailures(whatsappSandboxFailures.undeliverable(), whatsappSandboxFailures.undeliverable());
    const callsBefore = whatsapp.calls.length;

    await customerWrites('whatsapp', '5511927000001');
    await waitFor(
      async () => (await botMessagesTo('5511927000001')).some((message) => message.status === 'failed'),
      30_000,
      'the failed status',
    );
    await settle();

    const [message] = await botMessagesTo('5511927000001');
    expect(message?.failure?.code).toBe('131026');
    expect(whatsapp.messagesFor('5511927000001')).toHaveLength(0);
    const sends = whatsapp.calls
      .slice(callsBefore)
      .filter(
        (call) => JSON.stringify(call).includes('5511927000001') && !JSON.stringify(call).includes('"read"'),
      );
    expect(sends).toHaveLength(1);
    const dlq = await fetch(`${runtime.url}/_aws/sqs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AmazonSQS.GetQueueAttributes',
      },
      body: JSON.stringify({
        QueueUrl: `${runtime.url}/_aws/sqs/000000000000/outbound-dlq.fifo`,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    });
    expect(
      ((await dlq.json()) as { Attributes: Record<string, string> }).Attributes.ApproximateNumberOfMessages,
    ).toBe('0');
  });

  it('case 28: a platform that answers after our client timeout (but delivered) is flagged uncertain and never sent again', async () => {
    const slow = await slowTelegram(400);
    const pipeline = await startPipeline(table);
    try {
      const adapter = telegramOutboundAdapter({
        credentials: async () => ({ botToken: '1:slow', webhookSecret: 'x' }),
        apiUrl: slow.url,
        fetch: (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(100) }),
      });
      const deps = { ...pipeline.senderDeps, adapters: { telegram: adapter } };
      await pipeline.postSigned(
        pipeline.signed('telegram', {
          from: '2828',
          id: ++nextId,
          text: 'hi',
          timestamp: pipeline.seconds(),
        }),
      );
      await pipeline.pollInbound();
      const [record] = pipeline.queues.outbound.list();
      const envelope = JSON.parse(record!.body);

      expect(await deliverOutbound(envelope, deps)).toBe('uncertain');
      expect(await deliverOutbound(envelope, deps)).toBe('already_handled');
      await new Promise((resolve) => setTimeout(resolve, 500));

      expect(slow.received).toBe(1);
      const reply = (await readTranscript(table, envelope.work.conversationId)).find(
        (entry) => entry.author.kind === 'bot',
      ) as OutboundMessage;
      expect(reply.status).toBe('uncertain');
    } finally {
      await pipeline.close();
      await slow.close();
    }
  });
});

/** A Bot API that takes every message but answers only after `delayMs`. */
async function slowTelegram(delayMs: number) {
  const state = { received: 0 };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      state.received += 1;
      setTimeout(() => {
        if (response.destroyed) return;
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, result: { message_id: 1, date: 0, chat: { id: 2828 } } }));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return Object.assign(state, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
