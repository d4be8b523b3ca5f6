import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../domain/channel.ts';
import type { MessageRef } from '../domain/delivery-reference.ts';
import { advanceStatus, type DeliveryStatus, type OutboundMessage } from '../domain/messages.ts';
import { notifyAgentOfStatus } from './agent-feed.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { expiresAfter, keys } from './keys.ts';
import { countFact } from './report-counters.ts';

/** Platforms report statuses for weeks at most; the lookup from their id to ours can go after 30 days. */
const PROVIDER_LOOKUP_TTL_SECONDS = 30 * 24 * 60 * 60;

export type { MessageRef } from '../domain/delivery-reference.ts';

/** Written when a platform accepts a message, so its status callbacks find our message. */
export async function rememberProviderMessage(
  table: TableRef,
  channel: Channel,
  accountId: string,
  providerMessageId: string,
  ref: MessageRef,
  now: Date,
): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: {
        ...keys.providerMessage(channel, accountId, providerMessageId),
        ...ref,
        expiresAt: expiresAfter(now, PROVIDER_LOOKUP_TTL_SECONDS),
      },
    }),
  );
}

export async function findProviderMessage(
  table: TableRef,
  channel: Channel,
  accountId: string,
  providerMessageId: string,
): Promise<MessageRef | undefined> {
  const result = await table.client.send(
    new GetCommand({
      TableName: table.tableName,
      Key: keys.providerMessage(channel, accountId, providerMessageId),
    }),
  );
  const item = result.Item;
  return item
    ? { conversationId: item.conversationId as string, messageId: item.messageId as string }
    : undefined;
}

/**
 * Applies a platform's status report to our message, never moving it backwards (read stays read
 * when a late "delivered" arrives). A conditional write on the status we read makes concurrent
 * reports safe. Returns the status the message ends with.
 */
export async function applyDeliveryStatus(
  table: TableRef,
  ref: MessageRef,
  reported: DeliveryStatus,
  at: Date,
  failure?: OutboundMessage['failure'],
  /** The platform's id for the message, as the report names it: kept when we never learnt it. */
  reportedProviderId?: { readonly channel: Channel; readonly accountId: string; readonly id: string },
): Promise<DeliveryStatus | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await table.client.send(
      new GetCommand({
        TableName: table.tableName,
        Key: keys.message(ref.conversationId, ref.messageId),
        ConsistentRead: true,
      }),
    );
    const status = current.Item?.status as DeliveryStatus | undefined;
    if (!status) return undefined;
    const next = advanceStatus(status, reported);
    if (next === status) return status;
    // A send that died before recording the platform's answer learns the platform's id here.
    const learnsProviderId =
      reportedProviderId !== undefined && current.Item?.providerMessageId === undefined;
    const sets = ['#status = :next', 'statusChangedAt = :at'];
    if (failure && next === 'failed') sets.push('failure = :failure');
    if (learnsProviderId) sets.push('providerMessageId = :providerMessageId');
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.message(ref.conversationId, ref.messageId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#status = :current',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': next,
            ':current': status,
            ':at': at.toISOString(),
            ...(failure && next === 'failed' ? { ':failure': failure } : {}),
            ...(learnsProviderId ? { ':providerMessageId': reportedProviderId.id } : {}),
          },
        }),
      );
      if (learnsProviderId) {
        // Later reports (Messenger's watermarks, statuses without our tag) find it by that id.
        const { channel, accountId, id } = reportedProviderId;
        await rememberProviderMessage(table, channel, accountId, id, ref, at);
      }
      await notifyAgentOfStatus(table, current.Item as OutboundMessage, next, at);
      if (next === 'failed') {
        const message = current.Item as OutboundMessage;
        await countFact(
          table,
          { metric: 'delivery_failures', channel: message.to.channel, code: failure?.code ?? 'unknown' },
          at,
        );
      }
      return next;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }
  throw new Error(`status of ${ref.messageId} kept changing under us`);
}

/**
 * Messenger's watermarks: every message we sent to `recipientId` in this conversation at or before
 * `upTo` was delivered (or read). Looks at the latest 50 transcript entries, which covers any
 * watermark that arrives while a conversation is active.
 */
export async function outboundMessagesUpTo(
  table: TableRef,
  conversationId: string,
  recipientId: string,
  upTo: string,
): Promise<MessageRef[]> {
  const { pk, skPrefix } = keys.transcriptPrefix(conversationId);
  const page = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ScanIndexForward: false,
      Limit: 50,
    }),
  );
  return (page.Items ?? [])
    .filter((item) => {
      const sentAt = (item.sentAt ?? item.statusChangedAt) as string | undefined;
      return (
        item.author?.kind !== 'customer' &&
        item.to?.userId === recipientId &&
        sentAt !== undefined &&
        sentAt <= upTo
      );
    })
    .map((item) => ({ conversationId, messageId: item.messageId as string }));
}
