import type { SupportBot, TurnOutcome } from '../domain/bot-turn.ts';
import { type Conversation, transition } from '../domain/conversation.ts';
import type { Customer } from '../domain/customer.ts';
import type { ButtonTap, CustomerMessage } from '../domain/events.ts';
import type { OutboundMessage, OutboundWork } from '../domain/messages.ts';
import type { InboundEnvelope, OutboundEnvelope } from '../queue/envelopes.ts';
import type { FifoMessage } from '../queue/fifo-sender.ts';
import {
  ConversationVersionConflictError,
  getConversation,
  openConversationFor,
  saveTransition,
} from '../store/conversations.ts';
import { customerForIdentity, rememberLanguage } from '../store/customers.ts';
import type { TableRef } from '../store/dynamo.ts';
import { claimEvent, completeEvent } from '../store/event-claims.ts';
import { messageId, stableDigest } from '../store/ids.ts';
import { keepForInspection } from '../store/inspection.ts';
import { appendCustomerMessage, appendOutboundMessage, recordCustomerEdit } from '../store/transcript.ts';

export interface ConversationWorkerDeps {
  readonly table: TableRef;
  readonly bot: SupportBot;
  readonly enqueueOutbound: (messages: readonly FifoMessage[]) => Promise<void>;
  readonly now: () => Date;
}

export type InboundResult = 'processed' | 'duplicate' | 'kept_for_inspection';

/**
 * One inbound event, start to finish: claim it, find the customer and their open conversation,
 * write the transcript, run one bot turn if the bot owns the conversation, and queue the replies.
 * Every step after the claim is idempotent, so an attempt that died half-way is simply redone.
 */
export async function handleInboundEvent(
  envelope: InboundEnvelope,
  deps: ConversationWorkerDeps,
): Promise<InboundResult> {
  const { event } = envelope;
  const { table } = deps;
  const claim = await claimEvent(table, event.eventId, deps.now());
  if (claim === 'done') return 'duplicate';

  if (event.kind === 'unsupported') {
    await keepForInspection(table, event, deps.now());
    await completeEvent(table, event.eventId, deps.now());
    return 'kept_for_inspection';
  }

  const receivedAt = new Date(envelope.receivedAt);
  const customer = await customerForIdentity(table, event.address, event.profile, deps.now());
  const conversation = await openConversationFor(table, customer, event.eventId, deps.now());
  const inboundId = messageId(receivedAt, `${stableDigest(event.eventId, 16)}-in`);
  const work: OutboundWork[] = [];

  if (event.kind === 'edit') {
    const found = await recordCustomerEdit(
      table,
      conversation.conversationId,
      event.address,
      event.providerMessageId,
      event.text,
      receivedAt,
    );
    // An edit of a message we never received is still something the customer said.
    if (!found) await appendCustomerEntry(deps, conversation, event, inboundId, envelope);
  } else {
    await appendCustomerEntry(deps, conversation, event, inboundId, envelope);
    if (event.kind === 'tap') {
      work.push({
        kind: 'tap_ack',
        channel: event.address.channel,
        accountId: event.address.accountId,
        tapId: event.tapId,
      });
    }
    if (conversation.owner.kind === 'bot') {
      const outcome =
        (claim === 'resumed'
          ? await deps.bot.storedOutcome(conversation.conversationId, event.eventId)
          : undefined) ??
        (await deps.bot.runTurn({
          eventId: event.eventId,
          conversationId: conversation.conversationId,
          customerId: customer.customerId,
          channel: event.address.channel,
          input:
            event.kind === 'tap'
              ? { kind: 'tap', payload: event.payload }
              : {
                  kind: 'message',
                  text: event.text,
                  ...(event.unreadableContent ? { unreadableContent: event.unreadableContent } : {}),
                },
          ...(event.profile.displayName ? { displayName: event.profile.displayName } : {}),
          ...(event.profile.locale ? { locale: event.profile.locale } : {}),
          ...(customer.language ? { rememberedLanguage: customer.language } : {}),
          // Replies sort after the message they answer even if this worker's clock trails the webhook's.
          now: new Date(Math.max(deps.now().getTime(), receivedAt.getTime() + 1)),
        }));
      work.push(...(await applyTurnOutcome(deps, customer, conversation, event, outcome)));
    }
  }

  await deps.enqueueOutbound(
    work.map((item) => {
      const body: OutboundEnvelope = { v: 1, work: item, correlationId: envelope.correlationId };
      return {
        body: JSON.stringify(body),
        groupId: conversation.conversationId,
        deduplicationId: item.kind === 'message' ? item.messageId : `tap:${item.tapId}`,
      };
    }),
  );
  await completeEvent(table, event.eventId, deps.now());
  return 'processed';
}

async function appendCustomerEntry(
  deps: ConversationWorkerDeps,
  conversation: Conversation,
  event:
    | CustomerMessage
    | ButtonTap
    | {
        kind: 'edit';
        eventId: string;
        address: CustomerMessage['address'];
        providerMessageId: string;
        text: string;
      },
  inboundId: string,
  envelope: InboundEnvelope,
): Promise<void> {
  await appendCustomerMessage(deps.table, {
    messageId: inboundId,
    conversationId: conversation.conversationId,
    author: { kind: 'customer' },
    from: event.address,
    // A tap is shown in the transcript as what the customer chose.
    text: event.kind === 'tap' ? (event.label ?? event.payload) : event.text,
    providerMessageId: event.kind === 'tap' ? `tap:${event.tapId}` : event.providerMessageId,
    eventId: event.eventId,
    receivedAt: envelope.receivedAt,
    ...(event.kind === 'message' && event.unreadableContent
      ? { unreadableContent: event.unreadableContent }
      : {}),
    ...(event.kind === 'tap' ? { tapPayload: event.payload } : {}),
  });
}

/** Applies what the bot decided: language, handoff, replies in the transcript. Idempotent. */
async function applyTurnOutcome(
  deps: ConversationWorkerDeps,
  customer: Customer,
  conversation: Conversation,
  event: CustomerMessage | ButtonTap,
  outcome: TurnOutcome,
): Promise<OutboundWork[]> {
  const { table } = deps;
  if (customer.language !== outcome.language)
    await rememberLanguage(table, customer.customerId, outcome.language);
  if (outcome.handoff) await handOff(deps, conversation, outcome.handoff);
  const work: OutboundWork[] = [];
  for (const reply of outcome.replies) {
    const message: OutboundMessage = {
      messageId: reply.messageId,
      conversationId: conversation.conversationId,
      author: { kind: 'bot' },
      to: event.address,
      text: reply.text,
      quickReplies: reply.quickReplies,
      status: 'queued',
      createdAt: deps.now().toISOString(),
      ...(outcome.handoff ? { purpose: 'handoff_notice' as const } : {}),
    };
    await appendOutboundMessage(table, message);
    work.push({ kind: 'message', conversationId: conversation.conversationId, messageId: message.messageId });
  }
  return work;
}

async function handOff(
  deps: ConversationWorkerDeps,
  conversation: Conversation,
  handoff: NonNullable<TurnOutcome['handoff']>,
): Promise<void> {
  let current: Conversation | undefined = conversation;
  for (let attempt = 0; attempt < 3 && current; attempt++) {
    // Already handed off (an earlier attempt of this event got this far): nothing to do.
    if (current.owner.kind !== 'bot') return;
    const result = transition(current, { type: 'request_human', ...handoff, at: deps.now().toISOString() });
    if (!result.ok) return;
    try {
      await saveTransition(deps.table, current, result.conversation);
      return;
    } catch (error) {
      if (!(error instanceof ConversationVersionConflictError)) throw error;
      current = await getConversation(deps.table, conversation.conversationId);
    }
  }
}
