import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TABLE } from '../definitions.ts';
import type { Channel } from '../domain/channel.ts';
import {
  type Conversation,
  type ConversationAction,
  type ConversationEvent,
  transition,
} from '../domain/conversation.ts';
import type { Customer } from '../domain/customer.ts';
import { setOpenConversation } from './customers.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { stableDigest } from './ids.ts';
import { keys } from './keys.ts';

/** A new conversation within 7 days of the previous one is a repeat contact. */
const REPEAT_CONTACT_MS = 7 * 24 * 60 * 60 * 1000;

export class ConversationVersionConflictError extends Error {
  override readonly name = 'ConversationVersionConflictError';
  constructor(
    readonly conversationId: string,
    readonly expectedVersion: number,
  ) {
    super(`conversation ${conversationId} changed since version ${expectedVersion}`);
  }
}

export async function getConversation(
  table: TableRef,
  conversationId: string,
): Promise<Conversation | undefined> {
  const result = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.conversation(conversationId),
      ConsistentRead: true,
    }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, ...conversation } = result.Item;
  return conversation as Conversation;
}

/**
 * The customer's open conversation, or a new one owned by the bot. The new conversation's id is
 * derived from the event that opened it, so a retried event finds the same conversation.
 */
export async function openConversationFor(
  table: TableRef,
  customer: Customer,
  openingEventId: string,
  now: Date,
  channel?: Channel,
): Promise<Conversation> {
  return (await openConversation(table, customer, openingEventId, now, channel)).conversation;
}

export interface OpenedConversation {
  readonly conversation: Conversation;
  /** This call created it (a retry of the same event finds it and says false). */
  readonly isNew: boolean;
  /** The customer's previous conversation, when this one is new. */
  readonly previous?: Conversation;
}

export async function openConversation(
  table: TableRef,
  customer: Customer,
  openingEventId: string,
  now: Date,
  channel?: Channel,
): Promise<OpenedConversation> {
  const current = customer.openConversationId
    ? await getConversation(table, customer.openConversationId)
    : undefined;
  if (current && current.owner.kind !== 'closed') return { conversation: current, isNew: false };

  const repeatContact =
    current !== undefined && now.getTime() - Date.parse(current.openedAt) <= REPEAT_CONTACT_MS;
  const conversation: Conversation = {
    conversationId: `conv_${stableDigest(openingEventId)}`,
    customerId: customer.customerId,
    owner: { kind: 'bot' },
    version: 1,
    openedAt: now.toISOString(),
    ...(channel ? { channel } : {}),
    ...(repeatContact ? { repeatContact: true } : {}),
  };
  let isNew = true;
  await table.client
    .send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.conversation(conversation.conversationId), ...conversation },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
      isNew = false;
    });
  const winner = await setOpenConversation(
    table,
    customer.customerId,
    conversation.conversationId,
    current?.conversationId,
  );
  const opened = (await getConversation(table, winner)) ?? conversation;
  const created = isNew && winner === conversation.conversationId;
  return { conversation: opened, isNew: created, ...(created && current ? { previous: current } : {}) };
}

/**
 * The conversation's place in the agents' indexes, derived from its owner (see TABLE.indexes):
 * queued conversations sort by priority then age; the rest by when the owner last changed.
 * Undefined keys are removed, so a conversation leaves an index in the same write that moves it.
 */
export function indexAttributes(conversation: Conversation): Record<string, string | undefined> {
  const { owner, team } = conversation;
  const changedAt = conversation.updatedAt ?? conversation.openedAt;
  const recency = `${changedAt}#${conversation.conversationId}`;
  const byTeam = TABLE.indexes.byTeam;
  const byAssignee = TABLE.indexes.byAssignee;
  const attributes: Record<string, string | undefined> = {
    [byTeam.partitionKey]: undefined,
    [byTeam.sortKey]: undefined,
    [byAssignee.partitionKey]: undefined,
    [byAssignee.sortKey]: undefined,
  };
  if (owner.kind === 'queue') {
    attributes[byTeam.partitionKey] = teamIndexKey(owner.team, 'queue');
    // Highest priority first (9 - priority sorts ascending), then the longest waiting.
    attributes[byTeam.sortKey] =
      `${9 - Math.min(9, Math.max(0, owner.priority))}#${owner.enqueuedAt}#${conversation.conversationId}`;
  } else if (team) {
    attributes[byTeam.partitionKey] = teamIndexKey(team, owner.kind);
    attributes[byTeam.sortKey] = recency;
  }
  if (owner.kind === 'agent') {
    attributes[byAssignee.partitionKey] = `AGENT#${owner.agentId}`;
    attributes[byAssignee.sortKey] = recency;
  }
  return attributes;
}

export function teamIndexKey(team: string, ownerKind: Conversation['owner']['kind']): string {
  return `TEAM#${team}#${ownerKind}`;
}

/** Fields a transition may change; everything else about a conversation is fixed at its opening. */
const TRANSITION_FIELDS = [
  'owner',
  'version',
  'updatedAt',
  'team',
  'handoff',
  'resolvedBy',
  'resolvedAt',
] as const;

/** Persists the result of `transition` only if nobody changed the conversation in between. */
export async function saveTransition(
  table: TableRef,
  before: Conversation,
  after: Conversation,
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': before.version };
  const sets: string[] = [];
  const removes: string[] = [];
  const fields: Record<string, unknown> = {
    ...Object.fromEntries(TRANSITION_FIELDS.map((field) => [field, after[field]])),
    ...indexAttributes(after),
  };
  for (const [index, [field, value]] of Object.entries(fields).entries()) {
    names[`#f${index}`] = field;
    if (value === undefined) {
      removes.push(`#f${index}`);
    } else {
      sets.push(`#f${index} = :v${index}`);
      values[`:v${index}`] = value;
    }
  }
  names['#version'] = 'version';
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.conversation(before.conversationId),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw new ConversationVersionConflictError(before.conversationId, before.version);
    throw error;
  }
}

export type ActionOutcome =
  | {
      readonly ok: true;
      readonly before: Conversation;
      readonly conversation: Conversation;
      readonly events: readonly ConversationEvent[];
    }
  | { readonly ok: false; readonly reason: string; readonly conversation?: Conversation };

/**
 * Reads the conversation, applies one action of the state machine and persists it on the version
 * it read; on a conflict it reads again and re-decides, so the outcome always reflects the latest
 * state (a second claimant sees the first one's claim and is refused).
 */
export async function applyConversationAction(
  table: TableRef,
  conversationId: string,
  action: ConversationAction,
  guard: (current: Conversation) => string | undefined = () => undefined,
): Promise<ActionOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getConversation(table, conversationId);
    if (!current) return { ok: false, reason: 'not_found' };
    const refusal = guard(current);
    if (refusal) return { ok: false, reason: refusal, conversation: current };
    const result = transition(current, action);
    if (!result.ok) return { ok: false, reason: result.reason, conversation: current };
    try {
      await saveTransition(table, current, result.conversation);
      return { ok: true, before: current, conversation: result.conversation, events: result.events };
    } catch (error) {
      if (!(error instanceof ConversationVersionConflictError)) throw error;
    }
  }
  return { ok: false, reason: 'the conversation keeps changing, try again' };
}

/** The satisfaction survey, stored with the conversation: a 1-5 rating and an optional comment. */
export async function recordSurvey(
  table: TableRef,
  conversationId: string,
  answer: { rating: number } | { comment: string },
  at: Date,
): Promise<void> {
  const field = 'rating' in answer ? 'surveyRating' : 'surveyComment';
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.conversation(conversationId),
      UpdateExpression: `SET #field = :value, surveyAnsweredAt = :at`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#field': field },
      ExpressionAttributeValues: {
        ':value': 'rating' in answer ? answer.rating : answer.comment,
        ':at': at.toISOString(),
      },
    }),
  );
}

/** Marks the agent's first reply once; true only for the call that set it (first response time). */
export async function recordFirstAgentReply(
  table: TableRef,
  conversationId: string,
  at: Date,
): Promise<boolean> {
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.conversation(conversationId),
        UpdateExpression: 'SET firstAgentReplyAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(firstAgentReplyAt)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}
