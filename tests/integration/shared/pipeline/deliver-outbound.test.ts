import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelApiError,
  ChannelNetworkError,
  UndeliverableMessageError,
} from '../../../../shared/channels/errors.ts';
import type { OutboundAdapter } from '../../../../shared/channels/outbound-adapter.ts';
import type { Owner } from '../../../../shared/domain/conversation.ts';
import type { OutboundMessage } from '../../../../shared/domain/messages.ts';
import { deliverOutbound, type SenderDeps } from '../../../../shared/pipeline/deliver-outbound.ts';
import { applyStatusUpdate } from '../../../../shared/pipeline/inbound/statuses.ts';
import type { OutboundEnvelope } from '../../../../shared/queue/envelopes.ts';
import { RetryLaterError } from '../../../../shared/queue/fifo-consumer.ts';
import { findProviderMessage } from '../../../../shared/store/delivery-status.ts';
import { keys } from '../../../../shared/store/keys.ts';
import {
  appendOutboundMessage,
  getOutboundMessage,
  moveStatus,
} from '../../../../shared/store/transcript.ts';
import { type EmbeddedTable, startEmbeddedTable } from '../../../helpers/embedded-table.ts';

let table: EmbeddedTable;
beforeAll(async () => {
  table = await startEmbeddedTable();
});
afterAll(async () => table.close());

let counter = 0;
async function seed(owner: Owner, overrides: Partial<OutboundMessage> = {}): Promise<OutboundMessage> {
  counter += 1;
  const conversationId = `conv_test_${counter}`;
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...keys.conversation(conversationId),
        conversationId,
        customerId: 'cus_1',
        owner,
        version: 3,
        openedAt: '2026-11-26T10:00:00Z',
      },
    }),
  );
  const message: OutboundMessage = {
    messageId: `m-${counter}`,
    conversationId,
    author: { kind: 'bot' },
    to: { channel: 'telegram', accountId: '123456789', userId: '42', chatId: '42' },
    text: 'Hello!',
    quickReplies: [],
    status: 'queued',
    createdAt: '2026-11-26T10:00:00Z',
    ...overrides,
  };
  await appendOutboundMessage(table, message);
  return message;
}

function fakeTelegram(behaviour: Array<Error | 'ok'> = ['ok']) {
  const delivered: OutboundMessage[] = [];
  const taps: string[] = [];
  const adapter: OutboundAdapter = {
    channel: 'telegram',
    capabilities: { maxTextLength: 4096, buttons: 'inline_keyboard' },
    async deliver(message) {
      const next = behaviour.length > 1 ? behaviour.shift() : behaviour[0];
      if (next instanceof Error) throw next;
      delivered.push(message);
      return { providerMessageId: `tg-${delivered.length}` };
    },
    async acknowledgeTap(_account, tapId) {
      const next = behaviour.length > 1 ? behaviour.shift() : behaviour[0];
      if (next instanceof Error) throw next;
      taps.push(tapId);
    },
  };
  return { adapter, delivered, taps };
}

function sender(adapter: OutboundAdapter, maxRetryWaitMs = 10_000) {
  const slept: number[] = [];
  const deps: SenderDeps = {
    table,
    adapters: { telegram: adapter },
    now: () => new Date(),
    sleep: async (ms) => {
      slept.push(ms);
    },
    maxRetryWaitMs,
  };
  return { deps, slept };
}

const work = (message: OutboundMessage): OutboundEnvelope => ({
  v: 1,
  work: { kind: 'message', conversationId: message.conversationId, messageId: message.messageId },
  correlationId: 'test',
});
const statusOf = async (message: OutboundMessage) =>
  (await getOutboundMessage(table, message.conversationId, message.messageId))?.status;

describe('deliverOutbound', () => {
  it('sends a queued bot message and records the provider id', async () => {
    const message = await seed({ kind: 'bot' });
    const telegram = fakeTelegram();

    expect(await deliverOutbound(work(message), sender(telegram.adapter).deps)).toBe('sent');

    expect(telegram.delivered.map((m) => m.text)).toEqual(['Hello!']);
    const stored = await getOutboundMessage(table, message.conversationId, message.messageId);
    expect(stored).toMatchObject({ status: 'sent', providerMessageId: 'tg-1', attempts: 1 });
  });

  it('does not send a message twice when the queue delivers it again', async () => {
    const message = await seed({ kind: 'bot' });
    const telegram = fakeTelegram();
    const { deps } = sender(telegram.adapter);
    await deliverOutbound(work(message), deps);

    expect(await deliverOutbound(work(message), deps)).toBe('already_handled');
    expect(telegram.delivered).toHaveLength(1);
  });

  it('flags delivery as uncertain instead of resending when an earlier attempt died mid-send', async () => {
    const message = await seed({ kind: 'bot' });
    await moveStatus(table, message, 'queued', 'sending', { at: new Date() });
    const telegram = fakeTelegram();

    expect(await deliverOutbound(work(message), sender(telegram.adapter).deps)).toBe('uncertain');
    expect(telegram.delivered).toHaveLength(0);
    expect(await statusOf(message)).toBe('uncertain');
    // Telegram reports nothing that could settle it: a later delivery of the record leaves it alone.
    expect(await deliverOutbound(work(message), sender(telegram.adapter).deps)).toBe('already_handled');
    expect(telegram.delivered).toHaveLength(0);
  });

  describe('an interrupted send on a channel that reports what it accepted (SMS)', () => {
    const smsAddress = {
      channel: 'sms',
      accountId: '+15005550006',
      userId: '+48600100200',
      chatId: '+48600100200',
    } as const;
    const interrupted = async () => {
      const message = await seed({ kind: 'bot' }, { to: smsAddress });
      await moveStatus(table, message, 'queued', 'sending', { at: new Date() });
      return message;
    };
    const smsSender = (now: () => Date, finalAttempt = false, inboundBacklog?: () => number) => {
      const delivered: string[] = [];
      const adapter: OutboundAdapter = {
        channel: 'sms',
        capabilities: { maxTextLength: 1600, buttons: 'numbered_text' },
        async deliver(message) {
          delivered.push(message.messageId);
          return { providerMessageId: `SM${delivered.length}` };
        },
      };
      const deps: SenderDeps = {
        table,
        adapters: { sms: adapter },
        now,
        sleep: async () => {},
        maxRetryWaitMs: 10_000,
        interruptedSendSettleMs: 120_000,
        ...(inboundBacklog ? { inboundBacklog: async () => inboundBacklog() } : {}),
      };
      const deliver = (message: OutboundMessage) => deliverOutbound(work(message), deps, { finalAttempt });
      return { deliver, delivered };
    };

    it('holds the record for the settle window while the message shows uncertain', async () => {
      const message = await interrupted();
      const { deliver, delivered } = smsSender(() => new Date());

      const held = await deliver(message).catch((error: unknown) => error);
      expect(held).toBeInstanceOf(RetryLaterError);
      expect((held as RetryLaterError).delaySeconds).toBe(120);
      expect(await statusOf(message)).toBe('uncertain');
      expect(delivered).toHaveLength(0);
    });

    it("is settled by the platform's report that names it by our tag, and never sent again", async () => {
      const message = await interrupted();
      const first = smsSender(() => new Date());
      await first.deliver(message).catch(() => undefined);

      await applyStatusUpdate(table, {
        kind: 'status',
        eventId: 'sms:+15005550006:SMlate:sent',
        channel: 'sms',
        accountId: smsAddress.accountId,
        recipientId: smsAddress.userId,
        providerMessageId: 'SMlate',
        status: 'sent',
        occurredAt: new Date().toISOString(),
        reference: { conversationId: message.conversationId, messageId: message.messageId },
      });
      const settled = await getOutboundMessage(table, message.conversationId, message.messageId);
      expect(settled).toMatchObject({ status: 'sent', providerMessageId: 'SMlate' });
      // Later reports that carry only the platform's id find it too.
      expect(await findProviderMessage(table, 'sms', smsAddress.accountId, 'SMlate')).toEqual({
        conversationId: message.conversationId,
        messageId: message.messageId,
      });

      const later = smsSender(() => new Date(Date.now() + 10 * 60_000));
      expect(await later.deliver(message)).toBe('already_handled');
      expect(later.delivered).toHaveLength(0);
    });

    it('is sent once more when no report came within the settle window', async () => {
      const message = await interrupted();
      await smsSender(() => new Date())
        .deliver(message)
        .catch(() => undefined);

      const early = smsSender(() => new Date(Date.now() + 60_000));
      const stillHeld = await early.deliver(message).catch((error: unknown) => error);
      expect(stillHeld).toBeInstanceOf(RetryLaterError);
      expect((stillHeld as RetryLaterError).delaySeconds).toBeLessThanOrEqual(60);
      expect(early.delivered).toHaveLength(0);

      const due = smsSender(() => new Date(Date.now() + 121_000));
      expect(await due.deliver(message)).toBe('sent');
      expect(due.delivered).toEqual([message.messageId]);
      expect(await getOutboundMessage(table, message.conversationId, message.messageId)).toMatchObject({
        status: 'sent',
        attempts: 2,
      });
    });

    it('waits another window while reports may be queued behind an inbound backlog, then sends once', async () => {
      const message = await interrupted();
      await smsSender(() => new Date())
        .deliver(message)
        .catch(() => undefined);

      let backlog = 1200;
      const late = () => new Date(Date.now() + 121_000);
      const backedUp = smsSender(late, false, () => backlog);
      const held = await backedUp.deliver(message).catch((error: unknown) => error);
      expect(held).toBeInstanceOf(RetryLaterError);
      // At least another settle window: as long as it has been uncertain (121 s).
      expect((held as RetryLaterError).delaySeconds).toBeGreaterThanOrEqual(121);
      expect((held as RetryLaterError).delaySeconds).toBeLessThanOrEqual(122);
      expect(backedUp.delivered).toHaveLength(0);

      // Behind a long backlog each hold doubles, so it costs few of the record's receives.
      const later = smsSender(
        () => new Date(Date.now() + 241_000),
        false,
        () => backlog,
      );
      const longer = await later.deliver(message).catch((error: unknown) => error);
      expect((longer as RetryLaterError).delaySeconds).toBeGreaterThanOrEqual(241);
      expect((longer as RetryLaterError).delaySeconds).toBeLessThanOrEqual(242);

      backlog = 0;
      const caughtUp = smsSender(late, false, () => backlog);
      expect(await caughtUp.deliver(message)).toBe('sent');
      expect(caughtUp.delivered).toEqual([message.messageId]);
    });

    it('stays uncertain, unsent, when the queue will not deliver the record again', async () => {
      const message = await interrupted();
      const last = smsSender(() => new Date(), true);
      expect(await last.deliver(message)).toBe('uncertain');
      expect(last.delivered).toHaveLength(0);
      expect(await statusOf(message)).toBe('uncertain');
    });
  });

  it('never lets the bot talk over an agent who took the conversation', async () => {
    const message = await seed({ kind: 'agent', agentId: 'agent-7', team: 'support' });
    const telegram = fakeTelegram();

    expect(await deliverOutbound(work(message), sender(telegram.adapter).deps)).toBe('cancelled');
    expect(telegram.delivered).toHaveLength(0);
    expect(await statusOf(message)).toBe('cancelled');
  });

  it('still delivers the handoff notice while the conversation waits in the queue, but no other bot message', async () => {
    const queue: Owner = {
      kind: 'queue',
      team: 'support',
      priority: 1,
      enqueuedAt: '2026-11-26T10:00:00Z',
      reason: 'x',
    };
    const notice = await seed(queue, { purpose: 'handoff_notice' });
    const ordinary = await seed(queue);
    const telegram = fakeTelegram();
    const { deps } = sender(telegram.adapter);

    expect(await deliverOutbound(work(notice), deps)).toBe('sent');
    expect(await deliverOutbound(work(ordinary), deps)).toBe('cancelled');
  });

  it("waits as long as Telegram's retry_after asks, then sends", async () => {
    const message = await seed({ kind: 'bot' });
    const throttled = new ChannelApiError(
      'telegram',
      'sendMessage',
      429,
      '429',
      'Too Many Requests: retry after 3',
      3,
    );
    const telegram = fakeTelegram([throttled, 'ok']);
    const { deps, slept } = sender(telegram.adapter);

    expect(await deliverOutbound(work(message), deps)).toBe('sent');
    expect(slept).toEqual([3000]);
    expect(telegram.delivered).toHaveLength(1);
  });

  it('hands the message back to the queue when the platform asks to wait longer than one attempt may', async () => {
    const message = await seed({ kind: 'bot' });
    const throttled = new ChannelApiError('telegram', 'sendMessage', 429, '429', 'Too Many Requests', 60);
    const telegram = fakeTelegram([throttled]);

    const attempt = deliverOutbound(work(message), sender(telegram.adapter, 10_000).deps);
    await expect(attempt).rejects.toBeInstanceOf(RetryLaterError);
    // The queue holds the record as long as the platform asked: only this conversation waits.
    await expect(attempt).rejects.toMatchObject({ delaySeconds: 60 });
    expect(await statusOf(message)).toBe('queued');
  });

  it('shows the message as failed, with the provider code, when the last attempt is throttled too', async () => {
    const message = await seed({ kind: 'bot' });
    const throttled = new ChannelApiError('telegram', 'sendMessage', 429, '429', 'Too Many Requests', 60);
    const telegram = fakeTelegram([throttled]);

    const attempt = deliverOutbound(work(message), sender(telegram.adapter, 10_000).deps, {
      finalAttempt: true,
    });
    await expect(attempt).rejects.toBeInstanceOf(RetryLaterError);
    expect(await getOutboundMessage(table, message.conversationId, message.messageId)).toMatchObject({
      status: 'failed',
      failure: { code: '429' },
    });
  });

  it('retries server errors with backoff', async () => {
    const message = await seed({ kind: 'bot' });
    const unavailable = new ChannelApiError('telegram', 'sendMessage', 502, '502', 'Bad Gateway');
    const telegram = fakeTelegram([unavailable, unavailable, 'ok']);
    const { deps, slept } = sender(telegram.adapter);

    expect(await deliverOutbound(work(message), deps)).toBe('sent');
    expect(slept).toHaveLength(2);
    expect(slept[1]).toBeGreaterThanOrEqual(500);
  });

  it('marks a permanent refusal as failed with the provider code', async () => {
    const message = await seed({ kind: 'bot' });
    const blocked = new ChannelApiError(
      'telegram',
      'sendMessage',
      403,
      '403',
      'Forbidden: bot was blocked by the user',
    );
    const telegram = fakeTelegram([blocked]);

    expect(await deliverOutbound(work(message), sender(telegram.adapter).deps)).toBe('failed');
    const stored = await getOutboundMessage(table, message.conversationId, message.messageId);
    expect(stored).toMatchObject({
      status: 'failed',
      failure: { code: '403', description: 'Forbidden: bot was blocked by the user' },
    });
  });

  it('flags a send that may have reached the platform as uncertain, and retries one that cannot have', async () => {
    const maybe = await seed({ kind: 'bot' });
    const reset = new ChannelNetworkError('telegram', 'sendMessage', true, {
      cause: new Error('ECONNRESET'),
    });
    expect(await deliverOutbound(work(maybe), sender(fakeTelegram([reset]).adapter).deps)).toBe('uncertain');
    expect(await statusOf(maybe)).toBe('uncertain');

    const never = await seed({ kind: 'bot' });
    const refused = new ChannelNetworkError('telegram', 'sendMessage', false, {
      cause: new Error('ECONNREFUSED'),
    });
    const telegram = fakeTelegram([refused, 'ok']);
    expect(await deliverOutbound(work(never), sender(telegram.adapter).deps)).toBe('sent');
  });

  it('fails a message the platform cannot express, without calling it or retrying', async () => {
    const message = await seed({ kind: 'bot' });
    const telegram = fakeTelegram([
      new UndeliverableMessageError('telegram', 'Telegram cannot send a message without text'),
    ]);
    const { deps, slept } = sender(telegram.adapter);

    expect(await deliverOutbound(work(message), deps)).toBe('failed');
    expect(slept).toEqual([]);
    expect(await getOutboundMessage(table, message.conversationId, message.messageId)).toMatchObject({
      status: 'failed',
      failure: { code: 'undeliverable' },
    });
  });

  it('acknowledges a button tap', async () => {
    const telegram = fakeTelegram();
    const result = await deliverOutbound(
      {
        v: 1,
        work: { kind: 'tap_ack', channel: 'telegram', accountId: '123456789', tapId: 'cb-9' },
        correlationId: 't',
      },
      sender(telegram.adapter).deps,
    );
    expect(result).toBe('acknowledged');
    expect(telegram.taps).toEqual(['cb-9']);
  });
});
