import type { SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSupportBot } from '../../../bots/support/index.ts';
import { createConversationWorkerHandler } from '../../../functions/conversation-worker/create-handler.ts';
import { lambdaContext } from '../../../infra/local/lambda-events.ts';
import { logger } from '../../../shared/observability/logger.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../helpers/embedded-table.ts';
import { customerMessage, envelope } from '../../helpers/factories.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, index) => ({
      messageId: `m-${index}`,
      receiptHandle: `r-${index}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
        MessageGroupId: `g-${index}`,
        MessageDeduplicationId: `d-${index}`,
        SequenceNumber: String(index + 1),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:inbound.fifo',
      awsRegion: 'us-east-1',
    })),
  };
}

describe('worker logs', () => {
  it("carry each record's correlation id and none of the customer's words or number", async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    logger.setLogLevel('INFO');
    const handler = createConversationWorkerHandler(
      { table, bot: createSupportBot(table), enqueueOutbound: async () => {}, now: () => new Date() },
      async () => {},
    );
    const secretText = 'my number is +44 20 7946 0958 and my parcel is lost';
    const first = envelope(customerMessage({ text: secretText }));
    const second = envelope(customerMessage({ text: 'hello' }));
    await handler(sqsEvent([JSON.stringify(first), JSON.stringify(second)]), lambdaContext('worker', 30));

    const lines = written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const inbound = lines.filter((line) => line.message === 'inbound event');
    expect(inbound.map((line) => line.correlation_id)).toEqual([first.correlationId, second.correlationId]);
    expect(written.join('')).not.toContain('parcel');
    expect(written.join('')).not.toContain('7946');
  });
});
