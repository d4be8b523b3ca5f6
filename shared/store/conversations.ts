import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Conversation } from '../domain/conversation.ts';
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
): Promise<Conversation> {
  const current = customer.openConversationId
    ? await getConversation(table, customer.openConversationId)
    : undefined;
  if (current && current.owner.kind !== 'closed') return current;

  const repeatContact =
    current !== undefined && now.getTime() - Date.parse(current.openedAt) <= REPEAT_CONTACT_MS;
  const conversation: Conversation = {
    conversationId: `conv_${stableDigest(openingEventId)}`,
    customerId: customer.customerId,
    owner: { kind: 'bot' },
    version: 1,
    openedAt: now.toISOString(),
    ...(repeatContact ? { repeatContact: true } : {}),
  };
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
    });
  const winner = await setOpenConversation(
    table,
    customer.customerId,
    conversation.conversationId,
    current?.conversationId,
  );
  return (await getConversation(table, winner)) ?? conversation;
}

/** Persists the result of `transition` only if nobody changed the conversation in between. */
export async function saveTransition(
  table: TableRef,
  before: Conversation,
  after: Conversation,
): Promise<void> {
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.conversation(before.conversationId),
        UpdateExpression: 'SET #owner = :owner, version = :next',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: {
          ':owner': after.owner,
          ':next': after.version,
          ':expected': before.version,
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw new ConversationVersionConflictError(before.conversationId, before.version);
    throw error;
  }
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
