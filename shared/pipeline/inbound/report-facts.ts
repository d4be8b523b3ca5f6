import type { TurnOutcome } from '../../domain/bot-turn.ts';
import type { Channel } from '../../domain/channel.ts';
import type { Conversation } from '../../domain/conversation.ts';
import { BOT_TEAM, isoWeekOf } from '../../domain/report.ts';
import type { OpenedConversation } from '../../store/conversations.ts';
import { countConversationInWeek } from '../../store/customers.ts';
import type { TableRef } from '../../store/dynamo.ts';
import { countFact } from '../../store/report-counters.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new conversation: counted by channel; a return within 24 h of one the bot closed alone takes
 * that one out of containment; a second conversation in the week makes a repeat customer.
 */
export async function countOpenedConversation(
  table: TableRef,
  opened: OpenedConversation,
  channel: Channel,
  now: Date,
): Promise<void> {
  if (!opened.isNew) return;
  await countFact(table, { metric: 'conversations', channel }, now);
  const previous = opened.previous;
  if (
    previous?.owner.kind === 'closed' &&
    !previous.team &&
    now.getTime() - Date.parse(previous.owner.closedAt) <= DAY_MS
  )
    await countFact(table, { metric: 'recontacts_24h', channel }, now);
  const thisWeek = await countConversationInWeek(table, opened.conversation.customerId, isoWeekOf(now));
  if (thisWeek === 2) await countFact(table, { metric: 'repeat_customers', channel }, now);
}

/** What one bot turn tells the reports: the intent and whether it offered the satisfaction survey. */
export async function countTurn(
  table: TableRef,
  conversation: Conversation,
  channel: Channel,
  outcome: TurnOutcome,
  now: Date,
): Promise<void> {
  if (outcome.intent) await countFact(table, { metric: 'intents', channel, intent: outcome.intent }, now);
  const offersSurvey = outcome.replies.some((reply) =>
    reply.quickReplies.some((button) => /^survey:[1-5]$/.test(button.payload)),
  );
  if (offersSurvey)
    await countFact(table, { metric: 'surveys_sent', channel, team: conversation.team ?? BOT_TEAM }, now);
}
