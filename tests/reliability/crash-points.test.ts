/**
 * Reliability cases 19 and 20, and the crash-point matrix: the worker and the sender die (a hook
 * that never returns: no catch, no finally runs, exactly like a killed process) at each labelled
 * step; the record's lease runs out, the queue delivers it again, and nothing is lost, nothing is
 * sent twice; the one ambiguous send is flagged "uncertain" on Telegram, and settled by the
 * platform's own report (or its absence) on WhatsApp.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../shared/domain/messages.ts';
import { readTranscript } from '../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../helpers/embedded-table.ts';
import {
  crashHere,
  echoBot,
  type Pipeline,
  type PlatformSend,
  startPipeline,
  whatsappSentStatus,
} from './harness.ts';

let table: EmbeddedTable;
let pipeline: Pipeline;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());
afterEach(async () => pipeline?.close());

let nextId = 90_000;

/** A hook that kills the process the first time `target` is reached, and says when it did. */
function dieOnceAt(target: string) {
  let signal: () => void = () => {};
  const died = new Promise<void>((resolve) => {
    signal = resolve;
  });
  let dead = false;
  return {
    died,
    hook: (step: string) => {
      if (step !== target || dead) return undefined;
      dead = true;
      signal();
      return crashHere();
    },
  };
}

async function outcomeFor(chat: string) {
  const sends = pipeline.platforms.sends.filter((send) => send.to === chat);
  const conversationId = sends[0]?.conversationId;
  const transcript = conversationId ? await readTranscript(table, conversationId) : [];
  return { sends, transcript };
}

describe('reliability: crash points', () => {
  it.each(['after_claim', 'after_transcript_write', 'after_enqueue_reply'] as const)(
    'case 19: the worker dies %s; after redelivery the reply is sent exactly once and the transcript has no duplicate',
    async (step) => {
      const crash = dieOnceAt(step);
      pipeline = await startPipeline(table, { worker: { crashPoint: crash.hook } });
      const chat = String(++nextId);
      await pipeline.postSigned(
        pipeline.signed('telegram', { from: chat, id: nextId, text: 'hello', timestamp: pipeline.seconds() }),
      );

      await Promise.race([pipeline.pollInbound(), crash.died]);
      // The dead invocation holds the lease until the visibility timeout; then the queue redelivers.
      expect(pipeline.queues.inbound.stats().inFlight).toBe(1);
      await pipeline.drain();

      const { sends, transcript } = await outcomeFor(chat);
      expect(sends.map((send) => send.text)).toEqual(['echo: hello']);
      expect(transcript.map((entry) => entry.author.kind)).toEqual(['customer', 'bot']);
      expect((transcript[1] as OutboundMessage).status).toBe('sent');
      expect(pipeline.queues.inboundDlq.stats().visible).toBe(0);
    },
  );

  it('case 19: a worker that times out right at its deadline is redone once when the lease ends, not twice', async () => {
    const crash = dieOnceAt('after_transcript_write');
    const bot = echoBot();
    pipeline = await startPipeline(table, { bot, worker: { crashPoint: crash.hook } });
    const chat = String(++nextId);
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: chat, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await Promise.race([pipeline.pollInbound(), crash.died]);

    // One millisecond before the lease ends nothing is redelivered; one after, it is.
    pipeline.clock.now += 180_000 - 50;
    expect(await pipeline.pollInbound()).toBe(0);
    pipeline.clock.now += 100;
    expect(await pipeline.pollInbound()).toBe(1);
    await pipeline.drain();

    expect((await outcomeFor(chat)).sends).toHaveLength(1);
    expect(bot.turns).toBe(1);
  });

  it('case 20: the sender dies after recording the attempt: the retry does not call the platform and flags the message uncertain', async () => {
    const crash = dieOnceAt('after_send_recorded');
    pipeline = await startPipeline(table, { sender: { crashPoint: crash.hook } });
    const chat = String(++nextId);
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: chat, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await pipeline.pollInbound();
    await Promise.race([pipeline.pollOutbound(), crash.died]);
    await pipeline.drain();

    expect(pipeline.platforms.sends.filter((send) => send.to === chat)).toHaveLength(0);
    expect(pipeline.queues.outbound.stats()).toMatchObject({ visible: 0, inFlight: 0 });
    expect(await uncertainMessagesTo(chat)).toHaveLength(1);
  });

  it('case 20: the sender dies after Telegram accepted the message: exactly one send, flagged uncertain instead of sent twice', async () => {
    const crash = dieOnceAt('after_platform_accepted');
    pipeline = await startPipeline(table, { sender: { crashPoint: crash.hook } });
    const chat = String(++nextId);
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: chat, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await pipeline.pollInbound();
    await Promise.race([pipeline.pollOutbound(), crash.died]);
    await pipeline.drain();

    const { sends, transcript } = await outcomeFor(chat);
    expect(sends).toHaveLength(1);
    expect((transcript.find((entry) => entry.author.kind === 'bot') as OutboundMessage).status).toBe(
      'uncertain',
    );
  });

  it("case 20: the sender dies after WhatsApp accepted the message: WhatsApp's status names it by our tag, so it is settled as sent, never sent twice", async () => {
    const crash = dieOnceAt('after_platform_accepted');
    pipeline = await startPipeline(table, { sender: { crashPoint: crash.hook } });
    const customer = `5511920${++nextId}`;
    await pipeline.postSigned(
      pipeline.signed('whatsapp', { from: customer, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await pipeline.pollInbound();
    await Promise.race([pipeline.pollOutbound(), crash.died]);
    // WhatsApp reports the message it accepted, echoing the tag we sent with it.
    const [accepted] = pipeline.platforms.sends;
    expect(accepted).toBeDefined();
    await pipeline.postSigned(
      whatsappSentStatus(customer, 'wamid.accepted-before-the-crash', accepted as PlatformSend),
    );
    await pipeline.drain();

    const { sends, transcript } = await outcomeFor(customer);
    expect(sends).toHaveLength(1);
    expect(transcript.find((entry) => entry.author.kind === 'bot')).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.accepted-before-the-crash',
    });
  });

  it('case 20: the sender dies after recording the attempt on WhatsApp, which never got the message: no report comes, so it is sent once after the settle window, not lost', async () => {
    const crash = dieOnceAt('after_send_recorded');
    pipeline = await startPipeline(table, { sender: { crashPoint: crash.hook } });
    const customer = `5511920${++nextId}`;
    await pipeline.postSigned(
      pipeline.signed('whatsapp', { from: customer, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await pipeline.pollInbound();
    await Promise.race([pipeline.pollOutbound(), crash.died]);
    await pipeline.drain();

    const { sends, transcript } = await outcomeFor(customer);
    expect(sends).toHaveLength(1);
    expect(transcript.find((entry) => entry.author.kind === 'bot')).toMatchObject({
      status: 'sent',
      attempts: 2,
    });
  });

  it('without a crash nothing is flagged: the matrix above fails only where a crash really happened', async () => {
    pipeline = await startPipeline(table);
    const chat = String(++nextId);
    await pipeline.postSigned(
      pipeline.signed('telegram', { from: chat, id: nextId, text: 'hi', timestamp: pipeline.seconds() }),
    );
    await pipeline.drain();
    const { sends, transcript } = await outcomeFor(chat);
    expect(sends).toHaveLength(1);
    expect((transcript[1] as OutboundMessage).status).toBe('sent');
  });
});

async function uncertainMessagesTo(userId: string) {
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  const result = await table.client.send(
    new ScanCommand({
      TableName: table.tableName,
      FilterExpression: '#status = :uncertain AND #to.userId = :userId',
      ExpressionAttributeNames: { '#status': 'status', '#to': 'to' },
      ExpressionAttributeValues: { ':uncertain': 'uncertain', ':userId': userId },
    }),
  );
  return result.Items ?? [];
}
