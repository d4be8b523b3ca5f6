/**
 * Reliability cases 21 and 23: poison records reach the dead-letter queue after maxReceiveCount,
 * an alarm watches each DLQ, the group unblocks, redrive (scripts/lib/dead-letters.ts, the code
 * behind `npm run dlq`) is idempotent; and the synthesised stack keeps the queue/Lambda settings
 * that make partial batch failures safe.
 */
import { DeleteMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters, redriveDeadLetters, STACK_OUTPUTS } from '../../scripts/lib/dead-letters.ts';
import { FUNCTIONS, QUEUES } from '../../shared/definitions.ts';
import type { SupportBot } from '../../shared/domain/bot-turn.ts';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import { readTranscript } from '../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import { logicalIdsOfType, synthesizeShape } from '../infra/aws/synthesize.ts';
import { echoBot, type Pipeline, startPipeline } from './harness.ts';

let table: EmbeddedTable;
let pipeline: Pipeline;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(async () => pipeline?.close());

/** Throws on `poison` until fixed, as a bug deployed and then patched would. */
function patchableBot() {
  const echo = echoBot();
  const echoTurn = echo.runTurn.bind(echo);
  const state = { broken: true, poisonTurns: 0 };
  const bot: SupportBot = {
    storedOutcome: echo.storedOutcome.bind(echo),
    runTurn: async (request) => {
      if (request.input.kind === 'message' && request.input.text === 'poison') {
        state.poisonTurns += 1;
        if (state.broken) throw new Error('bug');
      }
      return echoTurn(request);
    },
  };
  return { bot, state };
}

/** An SQS client whose next DeleteMessage fails, as a redrive killed between its send and delete. */
function failingFirstDelete(client: SQSClient): SQSClient {
  let failed = false;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: unknown) => {
        if (command instanceof DeleteMessageCommand && !failed) {
          failed = true;
          return Promise.reject(new Error('process died'));
        }
        return target.send(command as never);
      };
    },
  });
}

describe('reliability: dead letters', () => {
  it('case 21: a poison message goes to the DLQ after maxReceiveCount (5), its group unblocks, and redrive is idempotent', async () => {
    const { bot, state } = patchableBot();
    pipeline = await startPipeline(table, { bot });
    const sqs = await pipeline.serveSqs();
    try {
      const post = (text: string) =>
        pipeline.postSigned(
          pipeline.signed('telegram', {
            from: '2121',
            id: Math.floor(Math.random() * 1e9),
            text,
            timestamp: pipeline.seconds(),
          }),
        );
      await post('before');
      await post('poison');
      await post('after');
      await pipeline.drain();

      expect(state.poisonTurns).toBe(QUEUES.inbound.maxReceiveCount);
      const texts = () => pipeline.platforms.sends.map((send) => send.text);
      expect(texts()).toEqual(['echo: before', 'echo: after']);
      const dlqUrl = sqs.url(QUEUES.inbound.deadLetterName);
      const letters = await listDeadLetters(sqs.client, dlqUrl);
      expect(letters.map((letter) => letter.summary)).toEqual([
        expect.stringMatching(/^inbound message telegram:/),
      ]);
      // Listing shows ids, never what the customer wrote.
      expect(JSON.stringify(letters.map(({ body: _body, ...rest }) => rest))).not.toContain('poison');

      // The bug is fixed; the operator redrives, the redrive dies before deleting, and runs again.
      state.broken = false;
      const source = sqs.url(QUEUES.inbound.name);
      await expect(redriveDeadLetters(failingFirstDelete(sqs.client), dlqUrl, source)).rejects.toThrow(
        'process died',
      );
      pipeline.clock.now += 61_000;
      expect(await redriveDeadLetters(sqs.client, dlqUrl, source)).toEqual({ moved: 1 });
      expect(await redriveDeadLetters(sqs.client, dlqUrl, source)).toEqual({ moved: 0 });
      expect(pipeline.queues.inbound.stats().visible).toBe(1);
      await pipeline.drain();

      expect(texts()).toEqual(['echo: before', 'echo: after', 'echo: poison']);
      expect(pipeline.queues.inboundDlq.stats().visible).toBe(0);
    } finally {
      await sqs.close();
    }
  });

  it('case 21: a reply that fails every attempt is parked by the sender itself, failed on the transcript, and the conversation’s next reply still goes out', async () => {
    pipeline = await startPipeline(table);
    const chat = '2122';
    for (const text of ['one', 'two']) {
      await pipeline.postSigned(
        pipeline.signed('telegram', {
          from: chat,
          id: Math.floor(Math.random() * 1e9),
          text,
          timestamp: pipeline.seconds(),
        }),
      );
    }
    await pipeline.pollInbound();
    // Our own failure before the platform call (say, unreadable credentials), on every attempt of the first reply.
    pipeline.platforms.failNext(
      ...Array.from({ length: QUEUES.outbound.maxReceiveCount }, () => new Error('credentials unreadable')),
    );
    await pipeline.drain();

    expect(pipeline.platforms.sends.map((send) => send.text)).toEqual(['echo: two']);
    expect(pipeline.queues.outboundDlq.stats().visible).toBe(1);
    const conversationId = pipeline.platforms.sends[0]?.conversationId as string;
    const replies = (await readTranscript(table, conversationId)).filter(
      (entry) => entry.author.kind === 'bot',
    );
    expect(replies.map((reply) => [reply.text, (reply as OutboundMessage).status])).toEqual([
      ['echo: one', 'failed'],
      ['echo: two', 'sent'],
    ]);
  });

  it('case 21: the synthesised stack alarms on every dead-letter queue and names both queues in its outputs for npm run dlq', () => {
    const synth = synthesizeShape();
    const alarms = logicalIdsOfType(synth.json, 'AWS::CloudWatch::Alarm').map(
      (logicalId) => synth.json.Resources[logicalId]?.Properties ?? {},
    );
    const dlqAlarms = alarms.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(dlqAlarms).toHaveLength(2);
    for (const alarm of dlqAlarms) {
      expect(alarm).toMatchObject({
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        Namespace: 'AWS/SQS',
      });
      const queue = JSON.stringify(alarm.Dimensions);
      expect(queue).toMatch(/DeadLetterQueue/);
    }
    const outputs = Object.keys(synth.json.Outputs ?? {});
    for (const names of Object.values(STACK_OUTPUTS))
      expect(outputs).toEqual(expect.arrayContaining([names.queue, names.deadLetter]));
  });

  it('case 23: the stack keeps visibility timeout ≥ 6 × function timeout, ReportBatchItemFailures and FIFO batches of at most 10', () => {
    const synth = synthesizeShape();
    const queues = logicalIdsOfType(synth.json, 'AWS::SQS::Queue').map(
      (logicalId) => synth.json.Resources[logicalId]?.Properties ?? {},
    );
    const sources = queues.filter((queue) => queue.RedrivePolicy !== undefined);
    expect(sources).toHaveLength(2);
    const timeouts = Object.values(synth.json.Resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::Function')
      .map((resource) => Number(resource.Properties?.Timeout ?? 3));
    for (const queue of sources) {
      expect(Number(queue.VisibilityTimeout)).toBeGreaterThanOrEqual(
        6 * Math.max(FUNCTIONS.conversationWorker.timeoutSeconds, FUNCTIONS.sender.timeoutSeconds),
      );
      expect((queue.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount).toBeGreaterThanOrEqual(5);
    }
    expect(Math.max(...timeouts) * 6).toBeLessThanOrEqual(
      Math.min(...sources.map((queue) => Number(queue.VisibilityTimeout))),
    );
    const mappings = logicalIdsOfType(synth.json, 'AWS::Lambda::EventSourceMapping').map(
      (logicalId) => synth.json.Resources[logicalId]?.Properties ?? {},
    );
    expect(mappings).toHaveLength(2);
    for (const mapping of mappings) {
      expect(mapping.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
      expect(Number(mapping.BatchSize)).toBeLessThanOrEqual(10);
    }
  });
});
