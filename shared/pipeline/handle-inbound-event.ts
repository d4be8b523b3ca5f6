import type { SupportBot, TurnOutcome } from '../domain/bot-turn.ts';
import { type Channel, SENDS_READ_RECEIPTS } from '../domain/channel.ts';
import type { ComplianceKeyword } from '../domain/compliance.ts';
import type { Conversation, ConversationAction } from '../domain/conversation.ts';
import type { Customer } from '../domain/customer.ts';
import type { ButtonTap, CustomerEvent, CustomerMessage } from '../domain/events.ts';
import type { OutboundMessage, OutboundWork } from '../domain/messages.ts';
import { BOT_TEAM } from '../domain/report.ts';
import type { InboundEnvelope, OutboundEnvelope } from '../queue/envelopes.ts';
import type { FifoMessage } from '../queue/fifo-sender.ts';
import { appendFeed, feedEntriesOf } from '../store/agent-feed.ts';
import { applyConversationAction, openConversation, recordSurvey } from '../store/conversations.ts';
import { customerForIdentity, rememberLanguage, setOptedOut, touchIdentity } from '../store/customers.ts';
import type { TableRef } from '../store/dynamo.ts';
import { claimEvent, completeEvent } from '../store/event-claims.ts';
import { linkByPhone } from '../store/identity-links.ts';
import { messageId, stableDigest } from '../store/ids.ts';
import { incrementCounter, keepForInspection } from '../store/inspection.ts';
import { countFact } from '../store/report-counters.ts';
import {
  appendCustomerMessage,
  appendOutboundMessage,
  recordCustomerDeletion,
  recordCustomerEdit,
} from '../store/transcript.ts';
import { complianceReply } from './inbound/compliance.ts';
import { countOpenedConversation, countTurn } from './inbound/report-facts.ts';
import { applyStatusUpdate, applyWatermark } from './inbound/statuses.ts';

export interface ConversationWorkerDeps {
  readonly table: TableRef;
  readonly bot: SupportBot;
  readonly enqueueOutbound: (messages: readonly FifoMessage[]) => Promise<void>;
  readonly now: () => Date;
  /** SMS keywords (STOP, START, HELP and local equivalents); undefined for every other text. */
  readonly complianceKeyword?: (text: string) => ComplianceKeyword | undefined;
  /** Masks pasted passwords, codes and card numbers before a message is stored. */
  readonly redactSecrets?: (text: string) => string;
  /** Tests only: called at each labelled step; a hook that never settles is a crash right there. */
  readonly crashPoint?: (step: 'after_claim' | 'after_transcript_write' | 'after_enqueue_reply') => unknown;
}

export type InboundResult = 'processed' | 'duplicate' | 'kept_for_inspection';

/**
 * One inbound event, start to finish: claim it, then either apply a delivery status, or find the
 * customer and their open conversation, write the transcript, run one bot turn if the bot owns
 * the conversation, and queue the replies. Every step after the claim is idempotent, so an
 * attempt that died half-way is simply redone.
 */
export async function handleInboundEvent(
  envelope: InboundEnvelope,
  deps: ConversationWorkerDeps,
): Promise<InboundResult> {
  const { event } = envelope;
  const { table } = deps;
  const claim = await claimEvent(table, event.eventId, deps.now());
  if (claim === 'done') return 'duplicate';
  await deps.crashPoint?.('after_claim');

  switch (event.kind) {
    case 'unsupported':
      await keepForInspection(table, event, deps.now());
      await completeEvent(table, event.eventId, deps.now());
      return 'kept_for_inspection';
    case 'status':
      await applyStatusUpdate(table, event);
      break;
    case 'status_watermark':
      await applyWatermark(table, event);
      break;
    default:
      await handleCustomerEvent(event, envelope, claim === 'resumed', deps);
  }
  await completeEvent(table, event.eventId, deps.now());
  return 'processed';
}

async function handleCustomerEvent(
  event: CustomerEvent,
  envelope: InboundEnvelope,
  resumed: boolean,
  deps: ConversationWorkerDeps,
): Promise<void> {
  const { table } = deps;
  const receivedAt = new Date(envelope.receivedAt);
  const customerWrote = event.kind === 'message' || event.kind === 'tap';
  const touched = await touchIdentity(table, event.address, event.profile, receivedAt, customerWrote);
  // A phone the platform vouches for, new on a known identity (a Telegram contact card): join its owner.
  const linkedTo = touched.phoneIsNew ? await linkByPhone(table, touched, deps.now()) : touched.customerId;
  const identity = linkedTo === touched.customerId ? touched : { ...touched, customerId: linkedTo };
  const customer = await customerForIdentity(table, identity, event.profile, deps.now());
  const opened = await openConversation(table, customer, event.eventId, deps.now(), event.address.channel);
  const conversation = opened.conversation;
  await countOpenedConversation(table, opened, event.address.channel, deps.now());
  const entryId = transcriptEntryId(event, envelope);
  const work: OutboundWork[] = [];
  const base = {
    messageId: entryId,
    conversationId: conversation.conversationId,
    author: { kind: 'customer' as const },
    from: event.address,
    eventId: event.eventId,
    receivedAt: envelope.receivedAt,
  };

  switch (event.kind) {
    case 'edit': {
      const found = await recordCustomerEdit(
        table,
        conversation.conversationId,
        event.address,
        event.providerMessageId,
        event.text,
        receivedAt,
      );
      // An edit of a message we never received is still something the customer said.
      if (!found)
        await appendCustomerMessage(table, {
          ...base,
          text: event.text,
          providerMessageId: event.providerMessageId,
        });
      break;
    }
    case 'deletion':
      await recordCustomerDeletion(
        table,
        conversation.conversationId,
        event.address,
        event.providerMessageId,
        receivedAt,
      );
      break;
    case 'reaction':
      await appendCustomerMessage(table, {
        ...base,
        text: event.emoji,
        providerMessageId: `reaction:${event.eventId}`,
        reactionTo: event.providerMessageId,
      });
      break;
    case 'message':
    case 'tap': {
      const entry = transcriptEntry(event, base);
      await appendCustomerMessage(
        table,
        deps.redactSecrets ? { ...entry, text: deps.redactSecrets(entry.text) } : entry,
      );
      if (event.kind === 'tap') {
        work.push({
          kind: 'tap_ack',
          channel: event.address.channel,
          accountId: event.address.accountId,
          tapId: event.tapId,
        });
      }
      if (event.kind === 'message' && SENDS_READ_RECEIPTS.includes(event.address.channel)) {
        work.push({
          kind: 'mark_read',
          channel: event.address.channel,
          accountId: event.address.accountId,
          providerMessageId: event.providerMessageId,
        });
      }
      const keyword =
        event.kind === 'message' && event.address.channel === 'sms'
          ? deps.complianceKeyword?.(event.text)
          : undefined;
      if (conversation.team && (conversation.owner.kind === 'queue' || conversation.owner.kind === 'agent')) {
        // The agents of the team see the new message within a poll.
        await appendFeed(
          table,
          [
            {
              type: 'customer_message',
              conversationId: conversation.conversationId,
              team: conversation.team,
              messageId: entryId,
              channel: event.address.channel,
            },
          ],
          deps.now(),
        );
      }
      if (keyword) {
        work.push(
          ...(await complianceReply(deps, keyword, event as CustomerMessage, customer, conversation)),
        );
        if (keyword === 'stop' || keyword === 'start')
          await setOptedOut(table, event.address, keyword === 'stop', receivedAt);
      } else if (conversation.owner.kind === 'bot') {
        const stored = resumed
          ? await deps.bot.storedOutcome(conversation.conversationId, event.eventId)
          : undefined;
        const outcome =
          stored ??
          (await deps.bot.runTurn({
            eventId: event.eventId,
            conversationId: conversation.conversationId,
            customerId: customer.customerId,
            channel: event.address.channel,
            from: event.address,
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
            ...(identity.verifiedPhone ? { verifiedPhones: [identity.verifiedPhone] } : {}),
            ...(conversation.repeatContact ? { repeatContact: true } : {}),
            // Replies sort after the message they answer even if this worker's clock trails the webhook's.
            now: new Date(Math.max(deps.now().getTime(), receivedAt.getTime() + 1)),
          }));
        work.push(...(await applyTurnOutcome(deps, customer, conversation, event, outcome)));
        await applyRecords(table, conversation, event.address.channel, outcome, receivedAt, !stored);
        if (!stored) await countTurn(table, conversation, event.address.channel, outcome, deps.now());
        if (outcome.resolve) await changeOwner(deps, conversation, (at) => ({ type: 'close', at }));
      }
      await deps.crashPoint?.('after_transcript_write');
      break;
    }
  }

  await deps.enqueueOutbound(
    work.map((item) => {
      const body: OutboundEnvelope = { v: 1, work: item, correlationId: envelope.correlationId };
      return {
        body: JSON.stringify(body),
        groupId: conversation.conversationId,
        deduplicationId: workId(item),
      };
    }),
  );
  await deps.crashPoint?.('after_enqueue_reply');
}

/**
 * The transcript sorts by id. A customer's entry sorts by the time the platform says it was written
 * (never later than we received it, so a fast clock cannot put it after our reply), then by when
 * and where in the webhook body it arrived: reversed deliveries still read in the order written.
 */
function transcriptEntryId(event: CustomerEvent, envelope: InboundEnvelope): string {
  const receivedAt = new Date(envelope.receivedAt);
  const written = Date.parse(event.occurredAt);
  const sortAt = Number.isNaN(written) ? receivedAt : new Date(Math.min(written, receivedAt.getTime()));
  const arrival = `${receivedAt.getTime().toString(36).padStart(9, '0')}${(envelope.position ?? 0).toString(36).padStart(3, '0')}`;
  return messageId(sortAt, `${arrival}-${stableDigest(event.eventId, 16)}-in`);
}

function workId(work: OutboundWork): string {
  switch (work.kind) {
    case 'message':
      return work.messageId;
    case 'tap_ack':
      return `tap:${work.tapId}`;
    case 'mark_read':
      return `read:${work.channel}:${work.providerMessageId}`;
  }
}

function transcriptEntry(
  event: CustomerMessage | ButtonTap,
  base: Omit<Parameters<typeof appendCustomerMessage>[1], 'text' | 'providerMessageId'>,
): Parameters<typeof appendCustomerMessage>[1] {
  if (event.kind === 'tap') {
    // A tap is shown in the transcript as what the customer chose.
    return {
      ...base,
      text: event.label ?? event.payload,
      providerMessageId: `tap:${event.tapId}`,
      tapPayload: event.payload,
    };
  }
  return {
    ...base,
    text: event.text,
    providerMessageId: event.providerMessageId,
    ...(event.unreadableContent ? { unreadableContent: event.unreadableContent } : {}),
    ...(event.attachments?.length ? { attachments: event.attachments } : {}),
    ...(event.location ? { location: event.location } : {}),
    ...(event.contacts?.length ? { contacts: event.contacts } : {}),
    ...(event.referral ? { referral: event.referral } : {}),
    ...(event.replyToProviderMessageId ? { replyToProviderMessageId: event.replyToProviderMessageId } : {}),
  };
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
  const { handoff } = outcome;
  if (handoff) await changeOwner(deps, conversation, (at) => ({ type: 'request_human', ...handoff, at }));
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
      ...(outcome.resolve ? { purpose: 'closing_notice' as const } : {}),
    };
    await appendOutboundMessage(table, message);
    work.push({ kind: 'message', conversationId: conversation.conversationId, messageId: message.messageId });
  }
  return work;
}

/**
 * Stores what the turn reported: survey answers on the conversation (idempotent), and the report
 * counters once per decided turn (a resumed attempt reuses the stored outcome, already counted).
 */
async function applyRecords(
  table: TableRef,
  conversation: Conversation,
  channel: Channel,
  outcome: TurnOutcome,
  at: Date,
  count: boolean,
) {
  const { conversationId } = conversation;
  for (const record of outcome.records ?? []) {
    switch (record.kind) {
      case 'kb_answer':
        if (count) {
          await incrementCounter(table, 'kb_answers', `${record.article}#${record.language}`);
          await countFact(table, { metric: 'kb_used', article: record.article }, at);
        }
        break;
      case 'kb_feedback':
        if (count) {
          await incrementCounter(
            table,
            'kb_feedback',
            `${record.article}#${record.helped ? 'helped' : 'not_helped'}`,
          );
          await countFact(
            table,
            { metric: 'kb_feedback', article: record.article, helped: record.helped },
            at,
          );
        }
        break;
      case 'survey_rating':
        await recordSurvey(table, conversationId, { rating: record.rating }, at);
        if (count) {
          await incrementCounter(table, 'survey_ratings', String(record.rating));
          await countFact(
            table,
            { metric: 'survey_ratings', channel, team: conversation.team ?? BOT_TEAM, rating: record.rating },
            at,
          );
        }
        break;
      case 'survey_comment':
        await recordSurvey(table, conversationId, { comment: record.comment }, at);
        break;
    }
  }
}

/**
 * Moves the bot's conversation to the queue (handoff) or closes it (settled), with a version check,
 * and tells the team's agents. Nothing to do when an earlier attempt of this event got this far or
 * an agent took the conversation meanwhile.
 */
async function changeOwner(
  deps: ConversationWorkerDeps,
  conversation: Conversation,
  action: (at: string) => ConversationAction,
): Promise<void> {
  const outcome = await applyConversationAction(
    deps.table,
    conversation.conversationId,
    action(deps.now().toISOString()),
    (current) => (current.owner.kind === 'bot' ? undefined : 'not_owned_by_the_bot'),
  );
  if (!outcome.ok) return;
  await appendFeed(deps.table, feedEntriesOf(outcome.events), deps.now());
  const channel = outcome.conversation.channel;
  if (!channel) return;
  for (const event of outcome.events) {
    if (event.type === 'queued')
      await countFact(
        deps.table,
        { metric: 'handoffs', channel, team: event.team, reason: event.reason },
        deps.now(),
      );
    // Closed with no person ever involved: the bot settled it (containment, unless they return within 24 h).
    if (event.type === 'closed' && !outcome.before.team)
      await countFact(deps.table, { metric: 'bot_closed', channel }, deps.now());
  }
}
