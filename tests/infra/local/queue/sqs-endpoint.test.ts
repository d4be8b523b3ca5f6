import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createQueueRegistry,
  handleSqsRequest,
  type QueueRegistry,
  queueUrl,
} from '../../../../infra/local/queue/sqs-endpoint.ts';
import { TestClock, temporaryDirectory } from './helpers.ts';

const BASE_URL = 'http://127.0.0.1:3000/_aws/sqs';
const INBOUND = queueUrl(BASE_URL, 'inbound.fifo');
const registries: QueueRegistry[] = [];

afterEach(async () => {
  await Promise.all(registries.splice(0).map((registry) => registry.close()));
});

function setup() {
  const clock = new TestClock();
  const registry = createQueueRegistry({ dataDir: temporaryDirectory(), now: clock.now });
  registries.push(registry);
  const call = async (operation: string, input: Record<string, unknown>) => {
    const response = await handleSqsRequest(registry, {
      target: `AmazonSQS.${operation}`,
      body: JSON.stringify(input),
      baseUrl: BASE_URL,
    });
    return { ...response, json: JSON.parse(response.body) as Record<string, unknown> };
  };
  return { clock, registry, call };
}

interface WireMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  MD5OfBody: string;
  Attributes?: Record<string, string>;
  MessageAttributes?: Record<string, unknown>;
  MD5OfMessageAttributes?: string;
}

function messagesOf(json: Record<string, unknown>): WireMessage[] {
  return (json.Messages as WireMessage[] | undefined) ?? [];
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

describe('SQS endpoint: queues', () => {
  it('resolves queue URLs under the base URL and lists all four queues', async () => {
    const { call } = setup();

    expect((await call('GetQueueUrl', { QueueName: 'outbound.fifo' })).json).toEqual({
      QueueUrl: `${BASE_URL}/000000000000/outbound.fifo`,
    });
    expect((await call('ListQueues', {})).json.QueueUrls).toEqual(
      ['inbound.fifo', 'inbound-dlq.fifo', 'outbound.fifo', 'outbound-dlq.fifo'].map((name) =>
        queueUrl(BASE_URL, name),
      ),
    );
    expect((await call('ListQueues', { QueueNamePrefix: 'outbound-' })).json.QueueUrls).toEqual([
      queueUrl(BASE_URL, 'outbound-dlq.fifo'),
    ]);
  });

  it('answers an unknown queue with the JSON-protocol QueueDoesNotExist error', async () => {
    const { call } = setup();

    const response = await call('SendMessage', {
      QueueUrl: queueUrl(BASE_URL, 'missing.fifo'),
      MessageBody: 'x',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });

    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(response.json).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
  });

  it('reports the queue attributes wired from the shared definitions', async () => {
    const { call } = setup();
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'x',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'y',
      MessageGroupId: 'h',
      MessageDeduplicationId: 'e',
    });
    await call('ReceiveMessage', { QueueUrl: INBOUND });

    const { json } = await call('GetQueueAttributes', { QueueUrl: INBOUND, AttributeNames: ['All'] });

    expect(json.Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:inbound.fifo',
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      FifoQueue: 'true',
      VisibilityTimeout: '180',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:inbound-dlq.fifo',
        maxReceiveCount: 5,
      }),
    });
    const dlq = await call('GetQueueAttributes', {
      QueueUrl: queueUrl(BASE_URL, 'inbound-dlq.fifo'),
      AttributeNames: ['MessageRetentionPeriod', 'RedrivePolicy'],
    });
    expect(dlq.json.Attributes).toEqual({ MessageRetentionPeriod: String(14 * 24 * 60 * 60) });
  });

  it('rejects an unknown attribute name and an unknown operation', async () => {
    const { call } = setup();

    const attribute = await call('GetQueueAttributes', { QueueUrl: INBOUND, AttributeNames: ['Colour'] });
    const operation = await call('CreateQueue', { QueueName: 'x.fifo' });

    expect(attribute.json.__type).toBe('com.amazonaws.sqs#InvalidAttributeName');
    expect(operation.statusCode).toBe(400);
    expect(operation.json.__type).toBe('com.amazon.coral.service#UnknownOperationException');
  });
});

describe('SQS endpoint: sending', () => {
  it('rejects FIFO sends without MessageGroupId (MissingParameter) or deduplication id (InvalidParameterValue)', async () => {
    const { call } = setup();

    const noGroup = await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'x',
      MessageDeduplicationId: 'd',
    });
    const noDedup = await call('SendMessage', { QueueUrl: INBOUND, MessageBody: 'x', MessageGroupId: 'g' });

    expect(noGroup.json.__type).toBe('com.amazonaws.sqs#MissingParameter');
    expect(noGroup.headers['x-amzn-query-error']).toBe('MissingParameter;Sender');
    expect(noDedup.json.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('accepts a body of exactly 256 KiB and rejects one byte more', async () => {
    const { call } = setup();
    const send = (body: string, id: string) =>
      call('SendMessage', {
        QueueUrl: INBOUND,
        MessageBody: body,
        MessageGroupId: 'g',
        MessageDeduplicationId: id,
      });

    expect((await send('x'.repeat(256 * 1024), 'fits')).statusCode).toBe(200);
    const tooLong = await send('x'.repeat(256 * 1024 + 1), 'too-long');

    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('accepts emoji and rejects control characters in a body', async () => {
    const { call } = setup();
    const send = (body: string, id: string) =>
      call('SendMessage', {
        QueueUrl: INBOUND,
        MessageBody: body,
        MessageGroupId: 'g',
        MessageDeduplicationId: id,
      });

    expect((await send('thanks 👍🏽', 'emoji')).json.MD5OfMessageBody).toBe(md5('thanks 👍🏽'));
    expect((await send('bell \u0007', 'bell')).json.__type).toBe('com.amazonaws.sqs#InvalidMessageContents');
  });

  it('rejects a per-message delay, which FIFO queues do not allow', async () => {
    const { call } = setup();

    const response = await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'x',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
      DelaySeconds: 5,
    });

    expect(response.json.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('answers a duplicate with the original MessageId and the digest of the body just sent', async () => {
    const { call } = setup();
    const send = (body: string) =>
      call('SendMessage', {
        QueueUrl: INBOUND,
        MessageBody: body,
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      });

    const first = await send('one');
    const second = await send('two');

    expect(second.json.MessageId).toBe(first.json.MessageId);
    expect(second.json.SequenceNumber).toBe(first.json.SequenceNumber);
    expect(second.json.MD5OfMessageBody).toBe(md5('two'));
  });

  it('sends a batch in entry order and reports invalid entries individually', async () => {
    const { call } = setup();

    const { json } = await call('SendMessageBatch', {
      QueueUrl: INBOUND,
      Entries: [
        { Id: 'a', MessageBody: 'm1', MessageGroupId: 'g', MessageDeduplicationId: 'd1' },
        { Id: 'b', MessageBody: 'm2', MessageDeduplicationId: 'd2' },
        { Id: 'c', MessageBody: 'm3', MessageGroupId: 'g', MessageDeduplicationId: 'd3' },
      ],
    });
    const received = await call('ReceiveMessage', { QueueUrl: INBOUND, MaxNumberOfMessages: 10 });

    expect((json.Successful as { Id: string }[]).map((entry) => entry.Id)).toEqual(['a', 'c']);
    expect(json.Failed).toEqual([
      expect.objectContaining({ Id: 'b', Code: 'MissingParameter', SenderFault: true }),
    ]);
    expect(messagesOf(received.json).map((message) => message.Body)).toEqual(['m1', 'm3']);
  });

  it('validates batch requests as a whole like SQS', async () => {
    const { call } = setup();
    const entry = (id: string) => ({
      Id: id,
      MessageBody: 'x',
      MessageGroupId: 'g',
      MessageDeduplicationId: id,
    });
    const batch = async (entries: unknown[]) =>
      (await call('SendMessageBatch', { QueueUrl: INBOUND, Entries: entries })).json.__type;

    expect(await batch([])).toBe('com.amazonaws.sqs#EmptyBatchRequest');
    expect(await batch(Array.from({ length: 11 }, (_, index) => entry(`e${index}`)))).toBe(
      'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
    );
    expect(await batch([entry('same'), entry('same')])).toBe('com.amazonaws.sqs#BatchEntryIdsNotDistinct');
    expect(await batch([entry('not ok!')])).toBe('com.amazonaws.sqs#InvalidBatchEntryId');
    expect(
      await batch([
        { ...entry('big1'), MessageBody: 'x'.repeat(200_000) },
        { ...entry('big2'), MessageBody: 'x'.repeat(200_000) },
      ]),
    ).toBe('com.amazonaws.sqs#BatchRequestTooLong');
  });
});

describe('SQS endpoint: receiving', () => {
  it('returns the real MD5 of the body and only the requested attributes, with their digest', async () => {
    const { call } = setup();
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: '{"text":"hi"}',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
      MessageAttributes: {
        channel: { DataType: 'String', StringValue: 'telegram' },
        'trace.id': { DataType: 'String', StringValue: 'abc' },
        other: { DataType: 'Number', StringValue: '1' },
      },
    });

    const { json } = await call('ReceiveMessage', {
      QueueUrl: INBOUND,
      MessageSystemAttributeNames: ['MessageGroupId', 'ApproximateReceiveCount'],
      MessageAttributeNames: ['channel', 'trace.*'],
    });
    const [message] = messagesOf(json);

    expect(message?.MD5OfBody).toBe(md5('{"text":"hi"}'));
    expect(message?.Attributes).toEqual({ MessageGroupId: 'g', ApproximateReceiveCount: '1' });
    expect(message?.MessageAttributes).toEqual({
      channel: { DataType: 'String', StringValue: 'telegram' },
      'trace.id': { DataType: 'String', StringValue: 'abc' },
    });
    expect(message?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('returns no attributes unless asked for', async () => {
    const { call } = setup();
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'x',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
      MessageAttributes: { channel: { DataType: 'String', StringValue: 'sms' } },
    });

    const [message] = messagesOf((await call('ReceiveMessage', { QueueUrl: INBOUND })).json);

    expect(Object.keys(message ?? {}).sort()).toEqual(['Body', 'MD5OfBody', 'MessageId', 'ReceiptHandle']);
  });

  it('holds a long poll open until a message arrives, then answers at once', async () => {
    const { call } = setup();
    const started = Date.now();
    const polling = call('ReceiveMessage', { QueueUrl: INBOUND, WaitTimeSeconds: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'late',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'd',
    });

    const { json } = await polling;

    expect(messagesOf(json).map((message) => message.Body)).toEqual(['late']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers an empty long poll after the wait time', async () => {
    const { call } = setup();
    const started = Date.now();

    const { json } = await call('ReceiveMessage', { QueueUrl: INBOUND, WaitTimeSeconds: 1 });

    expect(json).toEqual({});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('rejects a wait time above 20 seconds', async () => {
    const { call } = setup();
    const { json } = await call('ReceiveMessage', { QueueUrl: INBOUND, WaitTimeSeconds: 21 });
    expect(json.__type).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });
});

describe('SQS endpoint: acknowledging', () => {
  async function receiveOne(call: ReturnType<typeof setup>['call'], body: string) {
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: body,
      MessageGroupId: body,
      MessageDeduplicationId: body,
    });
    const [message] = messagesOf((await call('ReceiveMessage', { QueueUrl: INBOUND })).json);
    return message!;
  }

  it('deletes in a batch and reports stale receipt handles per entry', async () => {
    const { call, clock } = setup();
    const stale = await receiveOne(call, 'a');
    clock.advanceSeconds(180);
    await call('ReceiveMessage', { QueueUrl: INBOUND });
    const fresh = await receiveOne(call, 'b');

    const { json } = await call('DeleteMessageBatch', {
      QueueUrl: INBOUND,
      Entries: [
        { Id: 'stale', ReceiptHandle: stale.ReceiptHandle },
        { Id: 'fresh', ReceiptHandle: fresh.ReceiptHandle },
      ],
    });

    expect(json.Successful).toEqual([{ Id: 'fresh' }]);
    expect(json.Failed).toEqual([expect.objectContaining({ Id: 'stale', Code: 'ReceiptHandleIsInvalid' })]);
  });

  it('rejects a stale receipt handle on DeleteMessage with ReceiptHandleIsInvalid', async () => {
    const { call, clock } = setup();
    const stale = await receiveOne(call, 'a');
    clock.advanceSeconds(180);

    const response = await call('DeleteMessage', { QueueUrl: INBOUND, ReceiptHandle: stale.ReceiptHandle });

    expect(response.statusCode).toBe(404);
    expect(response.json.__type).toBe('com.amazonaws.sqs#ReceiptHandleIsInvalid');
  });

  it('changes visibility one by one and in a batch', async () => {
    const { call } = setup();
    const first = await receiveOne(call, 'a');
    const second = await receiveOne(call, 'b');

    await call('ChangeMessageVisibility', {
      QueueUrl: INBOUND,
      ReceiptHandle: first.ReceiptHandle,
      VisibilityTimeout: 0,
    });
    const batch = await call('ChangeMessageVisibilityBatch', {
      QueueUrl: INBOUND,
      Entries: [{ Id: 'b', ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }],
    });
    const again = await call('ReceiveMessage', { QueueUrl: INBOUND, MaxNumberOfMessages: 10 });

    expect(batch.json).toEqual({ Successful: [{ Id: 'b' }], Failed: [] });
    expect(messagesOf(again.json).map((message) => message.Body)).toEqual(['a', 'b']);
  });

  it('purges a queue', async () => {
    const { call } = setup();
    await receiveOne(call, 'a');
    await call('SendMessage', {
      QueueUrl: INBOUND,
      MessageBody: 'b',
      MessageGroupId: 'g',
      MessageDeduplicationId: 'b',
    });

    await call('PurgeQueue', { QueueUrl: INBOUND });

    const { json } = await call('GetQueueAttributes', {
      QueueUrl: INBOUND,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    });
    expect(json.Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
    });
  });
});
