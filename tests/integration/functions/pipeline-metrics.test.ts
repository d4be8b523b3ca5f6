import type { Context, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSupportBot } from '../../../bots/support/index.ts';
import { createConversationWorkerHandler } from '../../../functions/conversation-worker/create-handler.ts';
import { createSenderHandler } from '../../../functions/sender/create-handler.ts';
import { lambdaContext } from '../../../infra/local/lambda-events.ts';
import { ChannelApiError } from '../../../shared/channels/errors.ts';
import type { OutboundAdapter } from '../../../shared/channels/outbound-adapter.ts';
import type { MetricName, MetricsRecorder } from '../../../shared/observability/metrics.ts';
import type { FifoMessage } from '../../../shared/queue/fifo-sender.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../helpers/embedded-table.ts';
import { customerMessage, envelope } from '../../helpers/factories.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

interface Point {
  readonly name: MetricName;
  readonly dimensions: Record<string, string>;
  readonly value: number;
}

function recorder(): MetricsRecorder & { points: Point[] } {
  const points: Point[] = [];
  return {
    points,
    count: (name, dimensions, value = 1) => points.push({ name, dimensions: { ...dimensions }, value }),
    milliseconds: (name, dimensions, value) => points.push({ name, dimensions: { ...dimensions }, value }),
  };
}

const NOW = Date.parse('2026-11-26T10:00:05Z');
const context = (): Context => lambdaContext('test', 30);

function sqsRecords(bodies: readonly { body: string; groupId: string }[], sentAt: number): SQSEvent {
  return {
    Records: bodies.map((message, index) => ({
      messageId: `m-${index}-${sentAt}`,
      receiptHandle: `r-${index}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(sentAt),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(NOW),
        MessageGroupId: message.groupId,
        MessageDeduplicationId: `d-${index}-${sentAt}`,
        SequenceNumber: String(index + 1),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
      awsRegion: 'us-east-1',
    })),
  };
}

describe('metrics from the function shells', () => {
  it('counts messages in, hand-offs, queue age, messages out and send failures by provider code', async () => {
    const metrics = recorder();
    const replies: FifoMessage[] = [];
    const worker = createConversationWorkerHandler(
      {
        table,
        bot: createSupportBot(table),
        enqueueOutbound: async (messages) => {
          replies.push(...messages);
        },
        now: () => new Date(NOW),
      },
      async () => {},
      metrics,
    );
    // Two customers, two message groups: one platform refusal must not hide the other's send.
    const first = customerMessage({ text: 'I want to talk to a human agent please' });
    const second = customerMessage({ text: 'I want to talk to a human agent please' });
    await worker(
      sqsRecords(
        [
          { body: JSON.stringify(envelope(first)), groupId: 'g1' },
          { body: JSON.stringify(envelope(second)), groupId: 'g2' },
        ],
        NOW - 2000,
      ),
      context(),
    );
    expect(metrics.points.filter((p) => p.name === 'MessagesIn')).toHaveLength(2);

    expect(metrics.points).toContainEqual({
      name: 'QueueAge',
      dimensions: { Queue: 'inbound' },
      value: 2000,
    });
    expect(metrics.points).toContainEqual({
      name: 'MessagesIn',
      dimensions: { Channel: 'telegram' },
      value: 1,
    });
    expect(metrics.points).toContainEqual({
      name: 'Escalated',
      dimensions: { Channel: 'telegram' },
      value: 1,
    });
    expect(metrics.points.filter((p) => p.name === 'BotResolved')).toEqual([]);
    expect(replies.length).toBeGreaterThan(0);

    // The same replies through the sender: the platform refuses the first send, accepts the rest.
    let calls = 0;
    const telegram: OutboundAdapter = {
      channel: 'telegram',
      capabilities: { maxTextLength: 4096, buttons: 'inline_keyboard' },
      async deliver() {
        calls += 1;
        if (calls === 1) throw new ChannelApiError('telegram', 'sendMessage', 403, '403', 'Forbidden');
        return { providerMessageId: String(calls) };
      },
      async acknowledgeTap() {},
    };
    const sender = createSenderHandler(
      {
        table,
        adapters: { telegram },
        now: () => new Date(NOW),
        sleep: async () => {},
        maxRetryWaitMs: 0,
      },
      { park: async () => {}, retryLater: async () => {} },
      metrics,
    );
    await sender(
      sqsRecords(
        replies.map((reply) => ({ body: reply.body, groupId: reply.groupId })),
        NOW - 500,
      ),
      context(),
    );
    expect(metrics.points).toContainEqual({
      name: 'QueueAge',
      dimensions: { Queue: 'outbound' },
      value: 500,
    });
    expect(metrics.points).toContainEqual({
      name: 'SendFailures',
      dimensions: { Channel: 'telegram', ProviderCode: '403' },
      value: 1,
    });
    const sent = metrics.points.filter((p) => p.name === 'MessagesOut');
    expect(calls).toBeGreaterThan(1);
    expect(sent.length).toBe(calls - 1);
  });
});
