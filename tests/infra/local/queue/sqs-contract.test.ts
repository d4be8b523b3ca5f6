/**
 * The same scenarios, through the real SQSClient, against our endpoint and against fauxqs (an SQS
 * emulator known to get FIFO group locking right). Each scenario's observation must equal the
 * expected one on both, so a difference between the two, or a shared mistake, fails the test.
 *
 * Left out on purpose: how a batch of several groups is composed. fauxqs returns at most one
 * message per group per receive; SQS (and our queue) may return several of a group in order.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createQueueRegistry,
  createSqsHttpListener,
  type QueueRegistry,
} from '../../../../infra/local/queue/sqs-endpoint.ts';
import { temporaryDirectory } from './helpers.ts';

process.env.AWS_EC2_METADATA_DISABLED = 'true';

interface Target {
  client: SQSClient;
  queueUrl: string;
  close(): Promise<void>;
}

function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

async function startLocal(): Promise<Target> {
  const registry: QueueRegistry = createQueueRegistry({ dataDir: temporaryDirectory() });
  let listener: ReturnType<typeof createSqsHttpListener> | undefined;
  const server = createServer((req, res) => listener?.(req, res));
  const port = await listen(server);
  // Mounted under a path, as the local runtime does.
  const baseUrl = `http://127.0.0.1:${port}/_aws/sqs`;
  listener = createSqsHttpListener(registry, baseUrl);
  const client = sqsClient(baseUrl);
  const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'inbound.fifo' }));
  return {
    client,
    queueUrl: QueueUrl!,
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await registry.close();
    },
  };
}

async function startFauxqs(): Promise<Target> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const client = sqsClient(address);
  const deadLetter = await client.send(new CreateQueueCommand({ QueueName: 'inbound-dlq.fifo' }));
  const { Attributes } = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: deadLetter.QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const { QueueUrl } = await client.send(
    new CreateQueueCommand({
      QueueName: 'inbound.fifo',
      Attributes: {
        FifoQueue: 'true',
        VisibilityTimeout: '180',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 5 }),
      },
    }),
  );
  return {
    client,
    queueUrl: QueueUrl!,
    close: async () => {
      client.destroy();
      await app.close();
    },
  };
}

/** A scenario sees a target through this; ids are made unique per run so dedup windows never collide. */
class Session {
  private readonly prefix = randomUUID().slice(0, 8);
  constructor(private readonly target: Target) {}

  id(name: string): string {
    return `${this.prefix}-${name}`;
  }

  send(body: string, group: string, dedup = body) {
    return this.target.client.send(
      new SendMessageCommand({
        QueueUrl: this.target.queueUrl,
        MessageBody: body,
        MessageGroupId: this.id(group),
        MessageDeduplicationId: this.id(dedup),
      }),
    );
  }

  async receive(max: number) {
    const { Messages } = await this.target.client.send(
      new ReceiveMessageCommand({
        QueueUrl: this.target.queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    return Messages ?? [];
  }

  delete(receiptHandle: string | undefined) {
    return this.target.client.send(
      new DeleteMessageCommand({ QueueUrl: this.target.queueUrl, ReceiptHandle: receiptHandle }),
    );
  }

  /** Receives one at a time and deletes; returns bodies per group, in delivery order. */
  async drain(): Promise<Record<string, string[]>> {
    const byGroup: Record<string, string[]> = {};
    for (;;) {
      const [message] = await this.receive(1);
      if (!message) return byGroup;
      const group = (message.Attributes?.MessageGroupId ?? '').slice(this.prefix.length + 1);
      byGroup[group] = [...(byGroup[group] ?? []), message.Body ?? ''];
      await this.delete(message.ReceiptHandle);
    }
  }

  get client() {
    return this.target.client;
  }

  get queueUrl() {
    return this.target.queueUrl;
  }
}

/**
 * The SDK names an unmodelled error after the x-amzn-query-error code. SQS sends plain
 * `MissingParameter` / `InvalidParameterValue` there (and so do we); fauxqs prefixes every code
 * with `AWS.SimpleQueueService.`, so the prefix is dropped before comparing.
 */
async function errorName(action: Promise<unknown>): Promise<string> {
  try {
    await action;
    return 'no error';
  } catch (error) {
    return (error instanceof Error ? error.name : String(error)).replace(/^AWS\.SimpleQueueService\./, '');
  }
}

const bodiesOf = (messages: readonly { Body?: string }[]) => messages.map((message) => message.Body);

interface Scenario {
  title: string;
  run: (session: Session) => Promise<unknown>;
  expected: unknown;
}

const scenarios: Scenario[] = [
  {
    title: 'delivers the messages of a group in send order',
    run: async (session) => {
      for (const body of ['m1', 'm2', 'm3']) await session.send(body, 'g');
      return session.drain();
    },
    expected: { g: ['m1', 'm2', 'm3'] },
  },
  {
    title: 'keeps a group locked across receives while one of its messages is in flight',
    run: async (session) => {
      await session.send('a1', 'a');
      await session.send('a2', 'a');
      await session.send('b1', 'b');
      const first = await session.receive(1);
      const whileLocked = await session.receive(10);
      await session.delete(first[0]?.ReceiptHandle);
      const afterDelete = await session.receive(10);
      return [bodiesOf(first), bodiesOf(whileLocked), bodiesOf(afterDelete)];
    },
    expected: [['a1'], ['b1'], ['a2']],
  },
  {
    title: 'answers a repeated deduplication id with the same MessageId and keeps one copy',
    run: async (session) => {
      const first = await session.send('once', 'g', 'same');
      const second = await session.send('once', 'g', 'same');
      return {
        sameMessageId: first.MessageId === second.MessageId,
        sameSequenceNumber: first.SequenceNumber === second.SequenceNumber,
        delivered: await session.drain(),
      };
    },
    expected: { sameMessageId: true, sameSequenceNumber: true, delivered: { g: ['once'] } },
  },
  {
    title: 'forgets a deleted message',
    run: async (session) => {
      await session.send('m1', 'g');
      const [message] = await session.receive(1);
      await session.delete(message?.ReceiptHandle);
      const { Attributes } = await session.client.send(
        new GetQueueAttributesCommand({
          QueueUrl: session.queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      return { afterDelete: bodiesOf(await session.receive(10)), attributes: Attributes };
    },
    expected: {
      afterDelete: [],
      attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' },
    },
  },
  {
    title: 'redelivers at once after ChangeMessageVisibility to 0, counting the receive',
    run: async (session) => {
      await session.send('m1', 'g');
      const [first] = await session.receive(1);
      const whileInFlight = await session.receive(10);
      await session.client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: session.queueUrl,
          ReceiptHandle: first?.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
      const [again] = await session.receive(1);
      return {
        firstCount: first?.Attributes?.ApproximateReceiveCount,
        whileInFlight: whileInFlight.length,
        sameMessageId: again?.MessageId === first?.MessageId,
        secondCount: again?.Attributes?.ApproximateReceiveCount,
        newHandle: again?.ReceiptHandle !== first?.ReceiptHandle,
      };
    },
    expected: { firstCount: '1', whileInFlight: 0, sameMessageId: true, secondCount: '2', newHandle: true },
  },
  {
    title: 'sends a batch and delivers it in order per group',
    run: async (session) => {
      const entries = [
        ['e1', 'a1', 'a'],
        ['e2', 'b1', 'b'],
        ['e3', 'a2', 'a'],
        ['e4', 'a3', 'a'],
      ].map(([id, body, group]) => ({
        Id: id,
        MessageBody: body,
        MessageGroupId: session.id(group!),
        MessageDeduplicationId: session.id(body!),
      }));
      const result = await session.client.send(
        new SendMessageBatchCommand({ QueueUrl: session.queueUrl, Entries: entries }),
      );
      return {
        successful: (result.Successful ?? []).map((entry) => entry.Id).sort(),
        failed: result.Failed ?? [],
        delivered: await session.drain(),
      };
    },
    expected: {
      successful: ['e1', 'e2', 'e3', 'e4'],
      failed: [],
      delivered: { a: ['a1', 'a2', 'a3'], b: ['b1'] },
    },
  },
  {
    title: 'round-trips message attributes with the same attribute digest',
    run: async (session) => {
      const sent = await session.client.send(
        new SendMessageCommand({
          QueueUrl: session.queueUrl,
          MessageBody: 'with attributes',
          MessageGroupId: session.id('g'),
          MessageDeduplicationId: session.id('d'),
          MessageAttributes: {
            channel: { DataType: 'String', StringValue: 'whatsapp' },
            attempt: { DataType: 'Number', StringValue: '3' },
            blob: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 254, 255]) },
          },
        }),
      );
      const [message] = await session.receive(1);
      await session.delete(message?.ReceiptHandle);
      return {
        sentDigest: sent.MD5OfMessageAttributes,
        receivedDigest: message?.MD5OfMessageAttributes,
        channel: message?.MessageAttributes?.channel?.StringValue,
        attempt: message?.MessageAttributes?.attempt?.StringValue,
        blob: [...(message?.MessageAttributes?.blob?.BinaryValue ?? [])],
      };
    },
    expected: {
      sentDigest: '6d678c7fcdb5d6b8ef5791da1ee82860',
      receivedDigest: '6d678c7fcdb5d6b8ef5791da1ee82860',
      channel: 'whatsapp',
      attempt: '3',
      blob: [0, 1, 254, 255],
    },
  },
  {
    title: 'rejects FIFO sends without a group id or a deduplication id',
    run: async (session) => ({
      noGroup: await errorName(
        session.client.send(
          new SendMessageCommand({
            QueueUrl: session.queueUrl,
            MessageBody: 'x',
            MessageDeduplicationId: session.id('d'),
          }),
        ),
      ),
      noDeduplicationId: await errorName(
        session.client.send(
          new SendMessageCommand({
            QueueUrl: session.queueUrl,
            MessageBody: 'x',
            MessageGroupId: session.id('g'),
          }),
        ),
      ),
    }),
    expected: { noGroup: 'MissingParameter', noDeduplicationId: 'InvalidParameterValue' },
  },
  {
    title: 'answers an unknown queue with the modelled QueueDoesNotExist error',
    run: async (session) => {
      try {
        await session.client.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue.fifo' }));
        return 'no error';
      } catch (error) {
        return { modelled: error instanceof QueueDoesNotExist, code: (error as { Code?: string }).Code };
      }
    },
    expected: { modelled: true, code: 'AWS.SimpleQueueService.NonExistentQueue' },
  },
];

describe('SQS contract: local endpoint and fauxqs behave the same through SQSClient', () => {
  const targets: Record<'local' | 'fauxqs', Target | undefined> = { local: undefined, fauxqs: undefined };

  beforeAll(async () => {
    [targets.local, targets.fauxqs] = await Promise.all([startLocal(), startFauxqs()]);
  });

  afterAll(async () => {
    await Promise.all([targets.local?.close(), targets.fauxqs?.close()]);
  });

  beforeEach(async () => {
    for (const target of [targets.local!, targets.fauxqs!]) {
      await target.client.send(new PurgeQueueCommand({ QueueUrl: target.queueUrl }));
    }
  });

  for (const scenario of scenarios) {
    it(scenario.title, async () => {
      const local = await scenario.run(new Session(targets.local!));
      const fauxqs = await scenario.run(new Session(targets.fauxqs!));

      expect({ local, fauxqs }).toEqual({ local: scenario.expected, fauxqs: scenario.expected });
    });
  }
});
