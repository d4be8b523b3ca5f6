import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelAddress, Language } from '../domain/channel.ts';
import type { Customer } from '../domain/customer.ts';
import type { CustomerProfileHint } from '../domain/events.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { newCustomerId } from './ids.ts';
import { keys } from './keys.ts';

/**
 * The customer behind a channel identity, created on first contact. Identity creation is a
 * conditional put, so two racing first messages end with one customer.
 */
export async function customerForIdentity(
  table: TableRef,
  address: ChannelAddress,
  profile: CustomerProfileHint,
  now: Date,
): Promise<Customer> {
  const identityKey = keys.identity(address);
  const identity = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: identityKey, ConsistentRead: true }),
  );
  let customerId = identity.Item?.customerId as string | undefined;
  if (!customerId) {
    const candidate = newCustomerId();
    try {
      await table.client.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...identityKey,
            customerId: candidate,
            channel: address.channel,
            accountId: address.accountId,
            userId: address.userId,
            chatId: address.chatId,
            linkedAt: now.toISOString(),
            linkedBy: 'first_contact',
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      customerId = candidate;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      return customerForIdentity(table, address, profile, now);
    }
  }
  const existing = await getCustomer(table, customerId);
  if (existing) return existing;
  // First contact, or an earlier attempt died between the identity and the profile write.
  const customer: Customer = {
    customerId,
    createdAt: now.toISOString(),
    ...(profile.displayName ? { displayName: profile.displayName } : {}),
  };
  await table.client
    .send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.customer(customerId), ...customer },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionalCheckFailed(error)) throw error;
    });
  return (await getCustomer(table, customerId)) ?? customer;
}

export async function getCustomer(table: TableRef, customerId: string): Promise<Customer | undefined> {
  const result = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.customer(customerId), ConsistentRead: true }),
  );
  if (!result.Item) return undefined;
  const { pk: _pk, sk: _sk, ...customer } = result.Item;
  return customer as Customer;
}

export async function rememberLanguage(
  table: TableRef,
  customerId: string,
  language: Language,
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.customer(customerId),
      UpdateExpression: 'SET #language = :language',
      ExpressionAttributeNames: { '#language': 'language' },
      ExpressionAttributeValues: { ':language': language },
    }),
  );
}

/**
 * Points the customer at a conversation, only if no other open conversation got there first.
 * Returns the id that won.
 */
export async function setOpenConversation(
  table: TableRef,
  customerId: string,
  conversationId: string,
  replacing: string | undefined,
): Promise<string> {
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.customer(customerId),
        UpdateExpression: 'SET openConversationId = :new',
        ConditionExpression: replacing
          ? 'openConversationId = :old'
          : 'attribute_not_exists(openConversationId) OR openConversationId = :new',
        ExpressionAttributeValues: { ':new': conversationId, ...(replacing ? { ':old': replacing } : {}) },
      }),
    );
    return conversationId;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const current = await getCustomer(table, customerId);
    if (!current?.openConversationId) throw new Error(`customer ${customerId} lost its open conversation`);
    return current.openConversationId;
  }
}
