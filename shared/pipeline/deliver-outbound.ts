import { ChannelApiError, ChannelNetworkError, UndeliverableMessageError } from '../channels/errors.ts';
import type { DeliveryContext, OutboundAdapter } from '../channels/outbound-adapter.ts';
import { INTERRUPTED_SEND_MAX_HOLD_SECONDS, INTERRUPTED_SEND_SETTLE_SECONDS } from '../definitions.ts';
import { type Channel, REPORTS_DELIVERY_STATUS } from '../domain/channel.ts';
import { maySend } from '../domain/conversation.ts';
import type { Identity } from '../domain/identity.ts';
import type { OutboundMessage, OutboundWork } from '../domain/messages.ts';
import { replyWindow } from '../domain/reply-window.ts';
import type { OutboundEnvelope } from '../queue/envelopes.ts';
import { RetryLaterError } from '../queue/fifo-consumer.ts';
import { notifyAgentOfStatus } from '../store/agent-feed.ts';
import { getConversation } from '../store/conversations.ts';
import { getIdentity } from '../store/customers.ts';
import { rememberProviderMessage } from '../store/delivery-status.ts';
import type { TableRef } from '../store/dynamo.ts';
import { countFact } from '../store/report-counters.ts';
import { getOutboundMessage, moveStatus } from '../store/transcript.ts';

export interface SenderDeps {
  readonly table: TableRef;
  readonly adapters: Partial<Record<Channel, OutboundAdapter>>;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** How long one attempt may wait for a platform's throttle to lift before handing back to the queue. */
  readonly maxRetryWaitMs: number;
  /** How long to wait for a platform's report of an interrupted send; INTERRUPTED_SEND_SETTLE_SECONDS unless a test shortens it. */
  readonly interruptedSendSettleMs?: number;
  /**
   * Messages waiting in the inbound queue. Platform reports travel through it, so while it is
   * backed up a report may be waiting there, and an interrupted send is not sent again yet.
   */
  readonly inboundBacklog?: () => Promise<number>;
  /** Tests only: called at each labelled step; a hook that never settles is a crash right there. */
  readonly crashPoint?: (step: 'after_send_recorded' | 'after_platform_accepted') => unknown;
}

export type DeliveryResult =
  | 'sent'
  | 'failed'
  | 'uncertain'
  | 'cancelled'
  | 'already_handled'
  | 'acknowledged';

export interface DeliveryAttempt {
  /**
   * The queue will not deliver this record again (its receive count reached maxReceiveCount): a
   * failure now shows on the message as failed, and the record goes to the dead-letter queue.
   */
  readonly finalAttempt: boolean;
}

export async function deliverOutbound(
  envelope: OutboundEnvelope,
  deps: SenderDeps,
  attempt: DeliveryAttempt = { finalAttempt: false },
): Promise<DeliveryResult> {
  const { work } = envelope;
  switch (work.kind) {
    case 'message':
      return deliverMessage(work, deps, attempt);
    case 'tap_ack':
      return bestEffort(work.channel, deps, (adapter) =>
        adapter.acknowledgeTap?.(work.accountId, work.tapId),
      );
    case 'mark_read':
      return bestEffort(work.channel, deps, (adapter) =>
        adapter.markReadAndTyping?.(work.accountId, work.providerMessageId),
      );
  }
}

async function deliverMessage(
  work: Extract<OutboundWork, { kind: 'message' }>,
  deps: SenderDeps,
  delivery: DeliveryAttempt,
): Promise<DeliveryResult> {
  const message = await getOutboundMessage(deps.table, work.conversationId, work.messageId);
  if (!message) throw new Error(`outbound message ${work.messageId} is not in the transcript`);
  const result = await deliverStoredMessage(message, deps, delivery);
  if (result === 'sent' || result === 'failed' || result === 'uncertain' || result === 'cancelled')
    await notifyAgentOfStatus(deps.table, message, result, deps.now());
  if (result === 'failed') {
    const failed = await getOutboundMessage(deps.table, message.conversationId, message.messageId);
    await countFact(
      deps.table,
      { metric: 'delivery_failures', channel: message.to.channel, code: failed?.failure?.code ?? 'unknown' },
      deps.now(),
    );
  }
  return result;
}

async function deliverStoredMessage(
  message: OutboundMessage,
  deps: SenderDeps,
  delivery: DeliveryAttempt,
): Promise<DeliveryResult> {
  const { table } = deps;
  if (message.status === 'sending' || message.status === 'uncertain') {
    const settled = await settleInterruptedSend(message, deps, delivery);
    if (settled !== 'send_again') return settled;
  } else if (message.status !== 'queued') {
    return 'already_handled';
  }
  // `queued`, or `uncertain` where the platform has shown it never took the message.
  const from = message.status;
  const adapter = deps.adapters[message.to.channel];
  if (!adapter) {
    await moveStatus(table, message, from, 'failed', {
      at: deps.now(),
      failure: { code: 'channel_not_configured', description: `no sender for ${message.to.channel}` },
    });
    return 'failed';
  }
  // Checked right before sending: the bot never talks over an agent who took the conversation.
  const conversation = await getConversation(table, message.conversationId);
  if (!conversation || !maySend(conversation.owner, message)) {
    await moveStatus(table, message, from, 'cancelled', { at: deps.now() });
    return 'cancelled';
  }
  const identity = message.to.channel === 'telegram' ? undefined : await getIdentity(table, message.to);
  const refusal = policyRefusal(message, identity, deps.now());
  if (refusal) {
    await moveStatus(table, message, from, 'failed', { at: deps.now(), failure: refusal.failure });
    return 'failed';
  }
  const attempt = await moveStatus(table, message, from, 'sending', { at: deps.now() });
  if (!attempt) return 'already_handled';
  await deps.crashPoint?.('after_send_recorded');
  const window = replyWindow(message.to.channel, identity?.lastCustomerMessageAt, deps.now(), message.author);
  return sendWithRetries(message, adapter, { window }, deps, delivery);
}

/**
 * An earlier attempt died between recording itself and recording the platform's answer, so the
 * platform may or may not have the message, and no platform offers an idempotency key. The message
 * is marked `uncertain` (agents see it). Telegram reports nothing, so it stays that way rather than
 * risk a second copy. WhatsApp, Messenger and SMS report every message they accept, with our tag
 * (delivery-reference.ts), and such a report settles it; when none has come after the settle
 * window, and none can be waiting behind a backlog in our inbound queue, the platform never took
 * the message and it is sent again.
 */
async function settleInterruptedSend(
  message: OutboundMessage,
  deps: SenderDeps,
  delivery: DeliveryAttempt,
): Promise<DeliveryResult | 'send_again'> {
  const now = deps.now();
  let uncertainSince = message.statusChangedAt ? Date.parse(message.statusChangedAt) : now.getTime();
  if (message.status === 'sending') {
    const marked = await moveStatus(deps.table, message, 'sending', 'uncertain', { at: now });
    // Not `sending` any more: a status report settled it in the meantime.
    if (!marked) return 'already_handled';
    uncertainSince = now.getTime();
    if (!REPORTS_DELIVERY_STATUS.includes(message.to.channel) || delivery.finalAttempt) return 'uncertain';
    await notifyAgentOfStatus(deps.table, message, 'uncertain', now);
  } else if (!REPORTS_DELIVERY_STATUS.includes(message.to.channel)) {
    return 'already_handled';
  }
  const settleMs = deps.interruptedSendSettleMs ?? INTERRUPTED_SEND_SETTLE_SECONDS * 1000;
  const waitMs = uncertainSince + settleMs - now.getTime();
  // A report is due until the window ends, and may still be queued behind a backlog of our own.
  const reportMayBeComing = waitMs > 0 || ((await deps.inboundBacklog?.()) ?? 0) > 0;
  if (!reportMayBeComing) return 'send_again';
  // No later delivery of the record to wait on: it stays uncertain, shown to agents.
  if (delivery.finalAttempt) return 'already_handled';
  // Hold the record (and the conversation's later replies behind it) for the report; behind a
  // backlog each hold doubles, so a long one costs few of the record's receives.
  const backlogHoldMs = Math.min(
    INTERRUPTED_SEND_MAX_HOLD_SECONDS * 1000,
    Math.max(settleMs, now.getTime() - uncertainSince),
  );
  throw holdForReport(message, waitMs > 0 ? waitMs : backlogHoldMs);
}

function holdForReport(message: OutboundMessage, waitMs: number): RetryLaterError {
  return new RetryLaterError(
    `waiting for ${message.to.channel} to report an interrupted send`,
    Math.ceil(waitMs / 1000),
  );
}

/** Sends the platforms would refuse or the law forbids, stopped before any call: never a silent failure. */
function policyRefusal(
  message: OutboundMessage,
  identity: Identity | undefined,
  now: Date,
): { failure: NonNullable<OutboundMessage['failure']> } | undefined {
  if (identity?.optedOut && message.purpose !== 'compliance') {
    return {
      failure: {
        code: 'opted_out',
        description: 'The customer replied STOP; send START to receive messages again',
      },
    };
  }
  if (replyWindow(message.to.channel, identity?.lastCustomerMessageAt, now, message.author) === 'closed') {
    return { failure: { code: 'window_closed', description: 'The reply window of this channel is closed' } };
  }
  return undefined;
}

async function sendWithRetries(
  message: OutboundMessage,
  adapter: OutboundAdapter,
  context: DeliveryContext,
  deps: SenderDeps,
  delivery: DeliveryAttempt,
): Promise<DeliveryResult> {
  const { table } = deps;
  // Not sent this time: back to queued for the next attempt, or failed (visibly) after the last one.
  const giveBack = (error: unknown) =>
    delivery.finalAttempt
      ? moveStatus(table, message, 'sending', 'failed', { at: deps.now(), failure: failureOf(error) })
      : moveStatus(table, message, 'sending', 'queued', { at: deps.now() });
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      const { providerMessageId } = await adapter.deliver(message, context);
      await deps.crashPoint?.('after_platform_accepted');
      if (REPORTS_DELIVERY_STATUS.includes(message.to.channel)) {
        // Before the status moves on, so a fast delivery callback already finds the message.
        await rememberProviderMessage(
          table,
          message.to.channel,
          message.to.accountId,
          providerMessageId,
          // Only the reference: the whole message would copy its text and recipient into the lookup.
          { conversationId: message.conversationId, messageId: message.messageId },
          deps.now(),
        );
      }
      await moveStatus(table, message, 'sending', 'sent', { at: deps.now(), providerMessageId });
      return 'sent';
    } catch (error) {
      if (error instanceof UndeliverableMessageError) {
        await moveStatus(table, message, 'sending', 'failed', {
          at: deps.now(),
          failure: { code: 'undeliverable', description: error.reason },
        });
        return 'failed';
      }
      if (!(error instanceof ChannelApiError || error instanceof ChannelNetworkError)) {
        // Our own failure before the platform call (credentials, rendering): retry via the queue,
        // and after maxReceiveCount the dead-letter queue shows it to an operator.
        await giveBack(error);
        throw error;
      }
      const retry = retryDelayMs(error, attempt);
      if (retry === 'unknown') {
        await moveStatus(table, message, 'sending', 'uncertain', { at: deps.now() });
        return 'uncertain';
      }
      if (retry === 'never') {
        await moveStatus(table, message, 'sending', 'failed', { at: deps.now(), failure: failureOf(error) });
        return 'failed';
      }
      if (waited + retry > deps.maxRetryWaitMs) {
        // The platform did not take the message: it is safe to put it back for a later attempt.
        await giveBack(error);
        throw new RetryLaterError(`${message.to.channel} asked to wait ${retry} ms`, retry / 1000, {
          cause: error,
        });
      }
      await deps.sleep(retry);
      waited += retry;
    }
  }
}

/** ms to wait before another try; `never` for refusals that will not change; `unknown` when the platform may have the message. */
function retryDelayMs(error: unknown, attempt: number): number | 'never' | 'unknown' {
  if (error instanceof ChannelApiError) {
    if (!error.retryable) return 'never';
    if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds * 1000;
    return backoffMs(attempt);
  }
  if (error instanceof ChannelNetworkError)
    return error.mayHaveReachedPlatform ? 'unknown' : backoffMs(attempt);
  return 'never';
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s … capped at 8 s. */
function backoffMs(attempt: number): number {
  const ceiling = Math.min(8000, 500 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

function failureOf(error: unknown): NonNullable<OutboundMessage['failure']> {
  if (error instanceof ChannelApiError) return { code: error.providerCode, description: error.description };
  return { code: 'internal_error', description: error instanceof Error ? error.message : String(error) };
}

/** Taps and read receipts are courtesies: retried briefly on throttling, never worth failing a record for. */
async function bestEffort(
  channel: Channel,
  deps: SenderDeps,
  call: (adapter: OutboundAdapter) => Promise<void> | undefined,
): Promise<DeliveryResult> {
  const adapter = deps.adapters[channel];
  if (!adapter) return 'failed';
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      await call(adapter);
      return 'acknowledged';
    } catch (error) {
      const retry = retryDelayMs(error, attempt);
      if (typeof retry !== 'number' || waited + retry > deps.maxRetryWaitMs) return 'failed';
      await deps.sleep(retry);
      waited += retry;
    }
  }
}
