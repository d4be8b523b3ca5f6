import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { MalformedQueueMessageError } from '../../../../shared/queue/envelopes.ts';
import { createFifoConsumer, RetryLaterError } from '../../../../shared/queue/fifo-consumer.ts';

const context = {
  functionName: 'test',
  awsRequestId: 'r',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

function record(id: string, group: string, body: string): SQSRecord {
  return {
    messageId: id,
    receiptHandle: `handle-${id}`,
    body,
    attributes: {
      MessageGroupId: group,
      ApproximateReceiveCount: '1',
      SentTimestamp: '1',
      SenderId: 's',
      ApproximateFirstReceiveTimestamp: '1',
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
    awsRegion: 'us-east-1',
  } as SQSRecord;
}

function consumer(handle: (body: string) => Promise<void>) {
  const parked: string[] = [];
  const held: Array<[string, number]> = [];
  const handled: string[] = [];
  const handler = createFifoConsumer<string>({
    parse: (body) => {
      if (body === 'garbage') throw new MalformedQueueMessageError('not ours');
      return body;
    },
    handle: async (body) => {
      await handle(body);
      handled.push(body);
    },
    park: async (r) => {
      parked.push(r.messageId);
    },
    retryLater: async (r, seconds) => {
      held.push([r.messageId, seconds]);
    },
  });
  const run = async (records: SQSRecord[]) =>
    (await handler({ Records: records }, context)) as SQSBatchResponse;
  return { run, parked, held, handled };
}

describe('createFifoConsumer', () => {
  it('parks a record that is not ours and reports it done, so its group goes on', async () => {
    const { run, parked, handled } = consumer(async () => {});
    const response = await run([record('1', 'a', 'garbage'), record('2', 'a', 'next')]);
    expect(parked).toEqual(['1']);
    expect(handled).toEqual(['next']);
    expect(response.batchItemFailures).toEqual([]);
  });

  it('holds a throttled record for as long as the platform asked, and the rest of its group behind it', async () => {
    const { run, held, handled } = consumer(async (body) => {
      if (body === 'throttled') throw new RetryLaterError('429', 6);
    });
    const response = await run([
      record('1', 'a', 'throttled'),
      record('2', 'a', 'after'),
      record('3', 'b', 'other'),
    ]);
    expect(held).toEqual([['1', 6]]);
    expect(handled).toEqual(['other']);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(['1', '2']);
  });

  it('reports every record of a batch that failed entirely instead of throwing', async () => {
    const { run } = consumer(async () => {
      throw new Error('table unavailable');
    });
    const response = await run([record('1', 'a', 'x'), record('2', 'b', 'y')]);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier).sort()).toEqual(['1', '2']);
  });
});
