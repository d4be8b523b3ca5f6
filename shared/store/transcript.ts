import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelAddress } from '../domain/channel.ts';
import type { CustomerMessage } from '../domain/events.ts';
import type { DeliveryStatus, OutboundMessage } from '../domain/messages.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { keys } from './keys.ts';
import { transcriptExpiry } from './transcript-retention.ts';

/** A message the customer sent, as kept in the transcript. */
export interface CustomerTranscriptEntry {
  readonly messageId: string;
  readonly conversationId: string;
  readonly author: { readonly kind: 'customer' };
  readonly from: ChannelAddress;
  readonly text: string;
  readonly providerMessageId: string;
  readonly eventId: string;
  readonly receivedAt: string;
  readonly unreadableContent?: string;
  readonly attachments?: CustomerMessage['attachments'];
  readonly location?: CustomerMessage['location'];
  readonly contacts?: CustomerMessage['contacts'];
  readonly referral?: CustomerMessage['referral'];
  readonly replyToProviderMessageId?: string;
  /** A button the customer tapped (its payload), or a reaction to one of the messages. */
  readonly tapPayload?: string;
  readonly reactionTo?: string;
  readonly deletedAt?: string;
  /** Earlier versions when the customer edited the message. */
  readonly edits?: readonly { readonly text: string; readonly at: string }[];
}

/** A private note an agent left for colleagues: in the transcript, never sent to the customer. */
export interface NoteEntry {
  readonly messageId: string;
  readonly conversationId: string;
  readonly kind: 'note';
  readonly private: true;
  readonly author: { readonly kind: 'agent'; readonly agentId: string; readonly name?: string };
  readonly text: string;
  readonly createdAt: string;
}

export type TranscriptEntry = CustomerTranscriptEntry | OutboundMessage | NoteEntry;

/** Writes an item once; a retry of the same event finds it there and moves on. */
async function putOnce(table: TableRef, item: Record<string, unknown>): Promise<void> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
}

export async function appendCustomerMessage(table: TableRef, entry: CustomerTranscriptEntry): Promise<void> {
  await putOnce(table, {
    ...keys.message(entry.conversationId, entry.messageId),
    ...entry,
    ...transcriptExpiry(new Date()),
    // Lets an edit or a deletion find the message it changes without a scan.
    providerKey: providerKeyOf(entry.from, entry.providerMessageId),
  });
}

export async function appendOutboundMessage(table: TableRef, message: OutboundMessage): Promise<void> {
  await putOnce(table, {
    ...keys.message(message.conversationId, message.messageId),
    ...message,
    ...transcriptExpiry(new Date()),
  });
}

export async function getOutboundMessage(
  table: TableRef,
  conversationId: string,
  messageId: string,
): Promise<OutboundMessage | undefined> {
  const result = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.message(conversationId, messageId),
      ConsistentRead: true,
    }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, ...message } = result.Item;
  return message as OutboundMessage;
}

/**
 * Moves a message from one status to another only if it is still in `from`: the record of a send
 * attempt is written before the platform is called, so a crash leaves evidence, not a duplicate.
 * Returns the updated message, or undefined when the message was not in `from`.
 */
export async function moveStatus(
  table: TableRef,
  message: Pick<OutboundMessage, 'conversationId' | 'messageId'>,
  from: DeliveryStatus,
  to: DeliveryStatus,
  details: { providerMessageId?: string; failure?: OutboundMessage['failure']; at: Date },
): Promise<OutboundMessage | undefined> {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':from': from, ':to': to, ':at': details.at.toISOString() };
  let update = 'SET #status = :to, statusChangedAt = :at';
  if (details.providerMessageId) {
    update += ', providerMessageId = :providerMessageId';
    values[':providerMessageId'] = details.providerMessageId;
  }
  if (details.failure) {
    update += ', failure = :failure';
    values[':failure'] = details.failure;
  }
  if (to === 'sent') update += ', sentAt = :at';
  if (to === 'sending') update += ', attempts = if_not_exists(attempts, :zero) + :one';
  if (to === 'sending') Object.assign(values, { ':zero': 0, ':one': 1 });
  try {
    const result = await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.message(message.conversationId, message.messageId),
        UpdateExpression: update,
        ConditionExpression: '#status = :from',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { pk: _pk, sk: _sk, ...updated } = result.Attributes ?? {};
    return updated as OutboundMessage;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
}

function providerKeyOf(from: ChannelAddress, providerMessageId: string): string {
  return `${from.channel}#${from.accountId}#${from.chatId}#${providerMessageId}`;
}

/** The customer's message with this provider id, found among the conversation's entries. */
async function findCustomerEntry(
  table: TableRef,
  conversationId: string,
  from: ChannelAddress,
  providerMessageId: string,
): Promise<Record<string, unknown> | undefined> {
  const { pk, skPrefix } = keys.transcriptPrefix(conversationId);
  const found = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: 'providerKey = :providerKey',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':prefix': skPrefix,
        ':providerKey': providerKeyOf(from, providerMessageId),
      },
      ScanIndexForward: false,
    }),
  );
  return found.Items?.[0];
}

/** Records a customer's edit on the message it changes. Returns false when that message is unknown. */
export async function recordCustomerEdit(
  table: TableRef,
  conversationId: string,
  from: ChannelAddress,
  providerMessageId: string,
  text: string,
  at: Date,
): Promise<boolean> {
  const original = await findCustomerEntry(table, conversationId, from, providerMessageId);
  if (!original) return false;
  // Edits of the same text (Telegram also sends edits for fields we do not read) are not news,
  // and a retried edit finds its text already there.
  if (original.text === text) return true;
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: original.pk, sk: original.sk },
      UpdateExpression: 'SET #text = :text, edits = list_append(if_not_exists(edits, :empty), :previous)',
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: {
        ':text': text,
        ':empty': [],
        ':previous': [{ text: original.text, at: at.toISOString() }],
      },
    }),
  );
  return true;
}

/** Marks a message the customer deleted; the agent still sees that it existed and what it said. */
export async function recordCustomerDeletion(
  table: TableRef,
  conversationId: string,
  from: ChannelAddress,
  providerMessageId: string,
  at: Date,
): Promise<boolean> {
  const original = await findCustomerEntry(table, conversationId, from, providerMessageId);
  if (!original) return false;
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: original.pk, sk: original.sk },
      UpdateExpression: 'SET deletedAt = if_not_exists(deletedAt, :at)',
      ExpressionAttributeValues: { ':at': at.toISOString() },
    }),
  );
  return true;
}

export async function readTranscript(table: TableRef, conversationId: string): Promise<TranscriptEntry[]> {
  const { pk, skPrefix } = keys.transcriptPrefix(conversationId);
  const entries: TranscriptEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const {
      pk: _pk,
      sk: _sk,
      providerKey: _providerKey,
      expiresAt: _expiresAt,
      ...entry
    } of page.Items ?? []) {
      entries.push(entry as TranscriptEntry);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return entries;
}

export async function appendNote(table: TableRef, note: NoteEntry): Promise<void> {
  await putOnce(table, {
    ...keys.message(note.conversationId, note.messageId),
    ...note,
    ...transcriptExpiry(new Date()),
  });
}

/**
 * The newest `limit` entries before `before` (a message id; the newest when absent), returned in
 * time order, with the id to ask for the page before them when there is one.
 */
export async function readTranscriptPage(
  table: TableRef,
  conversationId: string,
  options: { limit: number; before?: string },
): Promise<{ entries: TranscriptEntry[]; before?: string }> {
  const { pk, skPrefix } = keys.transcriptPrefix(conversationId);
  const upper = options.before ? keys.message(conversationId, options.before).sk : `${skPrefix}\uffff`;
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :lower AND :upper',
      ExpressionAttributeValues: { ':pk': pk, ':lower': skPrefix, ':upper': upper },
      ScanIndexForward: false,
      Limit: options.limit + 2,
    }),
  );
  const items = (page.Items ?? []).filter((item) => item.sk !== upper);
  const taken = items.slice(0, options.limit);
  const entries = taken
    .map(
      ({ pk: _pk, sk: _sk, providerKey: _providerKey, expiresAt: _expiresAt, ...entry }) =>
        entry as TranscriptEntry,
    )
    .reverse();
  const oldest = entries[0];
  return { entries, ...(items.length > options.limit && oldest ? { before: oldest.messageId } : {}) };
}
