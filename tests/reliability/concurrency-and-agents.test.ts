/**
 * Reliability cases 31-33: DynamoDB concurrency. Case 30 and the agent API's security cases 34-37
 * are in agent-api.test.ts.
 */
import { createServer, request as httpRequestRaw, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import { appendOutboundMessage, readTranscript } from '../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { type Pipeline, startPipeline } from './harness.ts';

let table: EmbeddedTable;
let pipeline: Pipeline;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(async () => pipeline?.close());

let nextId = 300_000;

/**
 * DynamoDB's own throttling answer, in front of the embedded table: the first `throttled` requests
 * (or all, while `always`) get HTTP 400 ProvisionedThroughputExceededException, the rest pass.
 */
async function throttlingProxy(target: string) {
  const state = { throttled: 0, always: false, refused: 0 };
  const upstream = new URL(target);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.always || state.throttled > 0) {
        state.throttled = Math.max(0, state.throttled - 1);
        state.refused += 1;
        response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          }),
        );
        return;
      }
      const forward = httpRequestRaw(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: request.url,
          method: request.method,
          headers: request.headers,
        },
        (answer) => {
          response.writeHead(answer.statusCode ?? 500, answer.headers);
          answer.pipe(response);
        },
      );
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const raw = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    // The SDK's standard retry mode: three attempts with backoff, as in the Lambdas.
    maxAttempts: 3,
  });
  return Object.assign(state, {
    table: {
      tableName: table.tableName,
      client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    },
    close: () =>
      new Promise<void>((resolve) => {
        raw.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

describe('reliability: DynamoDB concurrency', () => {
  it('case 31: a bot reply and an agent message written to one conversation at the same moment are both kept', async () => {
    pipeline = await startPipeline(table);
    const chat = String(++nextId);
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: chat, id: nextId, text: 'first', timestamp: pipeline.seconds() }),
    );
    await pipeline.pollInbound();
    const [record] = pipeline.queues.outbound.list();
    const conversationId = JSON.parse(record!.body).work.conversationId as string;
    const [customer] = await readTranscript(table, conversationId);
    const agentMessage = (n: number): OutboundMessage => ({
      messageId: `${Date.now().toString(36)}-agent-${n}`,
      conversationId,
      author: { kind: 'agent', agentId: 'agent-1' } as OutboundMessage['author'],
      to: (customer as { from: OutboundMessage['to'] }).from,
      text: `agent says ${n}`,
      quickReplies: [],
      status: 'queued',
      createdAt: new Date().toISOString(),
    });

    // The customer writes again while an agent answers: bot turn and agent append race.
    await Promise.all([
      pipeline
        .postSigned(
          pipeline.signed('telegram', {
            from: chat,
            id: ++nextId,
            text: 'second',
            timestamp: pipeline.seconds(),
          }),
        )
        .then(() => pipeline.pollInbound()),
      ...[1, 2, 3].map((n) => appendOutboundMessage(table, agentMessage(n))),
    ]);

    const texts = (await readTranscript(table, conversationId)).map((entry) => entry.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'first',
        'echo: first',
        'second',
        'echo: second',
        'agent says 1',
        'agent says 2',
        'agent says 3',
      ]),
    );
    expect(texts).toHaveLength(7);
  });

  it('case 32: DynamoDB throttling is retried by the SDK; when retries run out the record fails and is answered later, once', async () => {
    const proxy = await throttlingProxy(table.endpoint);
    try {
      pipeline = await startPipeline(table, { worker: { table: proxy.table } });
      const post = (chat: string) =>
        pipeline.postSigned(
          pipeline.signed('telegram', {
            from: chat,
            id: ++nextId,
            text: 'hi',
            timestamp: pipeline.seconds(),
          }),
        );
      proxy.throttled = 2;
      await post('3201');
      await pipeline.pollInbound();
      expect(proxy.refused).toBe(2);
      expect(pipeline.queues.inbound.stats()).toMatchObject({ visible: 0, inFlight: 0 });

      proxy.always = true;
      await post('3202');
      await pipeline.pollInbound();
      expect(pipeline.queues.inbound.stats().inFlight).toBe(1);
      proxy.always = false;
      await pipeline.drain();

      expect(pipeline.platforms.sends.map((send) => send.to).sort()).toEqual(['3201', '3202']);
    } finally {
      await proxy.close();
    }
  });

  it('case 33: an edit that reuses the original message id is applied as an edit, not dropped as a duplicate', async () => {
    pipeline = await startPipeline(table);
    const chat = String(++nextId);
    const original = pipeline.signed('telegram', {
      from: chat,
      id: nextId,
      text: 'my order is A-1',
      timestamp: pipeline.seconds(),
    });
    await pipeline.postSigned(original);
    await pipeline.drain();
    const update = JSON.parse(original.body);
    const edited = JSON.stringify({
      update_id: update.update_id + 1,
      edited_message: { ...update.message, text: 'my order is A-2', edit_date: pipeline.seconds() + 5 },
    });
    const outcome = await pipeline.post({
      method: 'POST',
      path: original.path,
      headers: original.headers,
      query: {},
      rawBody: Buffer.from(edited),
      requestId: 'edit',
    });
    expect(outcome.response.statusCode).toBe(200);
    await pipeline.drain();

    const conversationId = pipeline.platforms.sends[0]!.conversationId;
    const [customer] = (await readTranscript(table, conversationId)).filter(
      (entry) => entry.author.kind === 'customer',
    );
    expect(customer).toMatchObject({ text: 'my order is A-2', edits: [{ text: 'my order is A-1' }] });
  });
});
