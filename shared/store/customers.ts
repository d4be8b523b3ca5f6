import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelAddress, Language } from '../domain/channel.ts';
import type { Customer } from '../domain/customer.ts';
import type { CustomerProfileHint } from '../domain/events.ts';
import type { Identity } from '../domain/identity.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import {
  addMembership,
  addressOf,
  claimPhone,
  customerWithPhone,
  identityFromStoredItem,
  writeAudit,
} from './identity-links.ts';
import { newCustomerId } from './ids.ts';
import { keys } from './keys.ts';

/**
 * Records that the customer was seen on this identity (and, for a message, when: the reply window
 * opens from it) and returns the identity as stored. One UpdateItem whether or not it existed.
 */
export async function touchIdentity(
  table: TableRef,
  address: ChannelAddress,
  profile: CustomerProfileHint,
  now: Date,
  customerWrote: boolean,
): Promise<Identity & { readonly phoneIsNew?: true }> {
  const names: Record<string, string> = { '#channel': 'channel' };
  const values: Record<string, unknown> = {
    ':channel': address.channel,
    ':accountId': address.accountId,
    ':userId': address.userId,
    ':chatId': address.chatId,
  };
  let update = 'SET #channel = :channel, accountId = :accountId, userId = :userId, chatId = :chatId';
  if (customerWrote) {
    update += ', lastCustomerMessageAt = :now';
    values[':now'] = now.toISOString();
  }
  if (profile.verifiedPhone) {
    update += ', verifiedPhone = :phone';
    values[':phone'] = profile.verifiedPhone;
  }
  const result = await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.identity(address),
      UpdateExpression: update,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_OLD',
    }),
  );
  const before = result.Attributes;
  const identity = identityFromStoredItem({
    ...before,
    ...address,
    ...(customerWrote ? { lastCustomerMessageAt: now.toISOString() } : {}),
    ...(profile.verifiedPhone ? { verifiedPhone: profile.verifiedPhone } : {}),
  });
  return {
    ...identity,
    // The platform vouched for a phone this identity did not have: it may belong to a known customer.
    ...(profile.verifiedPhone && before?.verifiedPhone !== profile.verifiedPhone ? { phoneIsNew: true } : {}),
  };
}

export async function getIdentity(
  table: TableRef,
  address: Pick<ChannelAddress, 'channel' | 'accountId' | 'userId'>,
): Promise<Identity | undefined> {
  const result = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.identity(address), ConsistentRead: true }),
  );
  return result.Item ? identityFromStoredItem(result.Item) : undefined;
}

export async function setOptedOut(
  table: TableRef,
  address: Pick<ChannelAddress, 'channel' | 'accountId' | 'userId'>,
  optedOut: boolean,
  now: Date,
): Promise<void> {
  await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.identity(address),
      UpdateExpression: 'SET optedOut = :optedOut, optedOutChangedAt = :now',
      ExpressionAttributeValues: { ':optedOut': optedOut, ':now': now.toISOString() },
    }),
  );
}

/**
 * The customer behind a channel identity, created on first contact. The customer id is set on the
 * identity with a condition, so two racing first messages end with one customer.
 */
export async function customerForIdentity(
  table: TableRef,
  identity: Identity,
  profile: CustomerProfileHint,
  now: Date,
): Promise<Customer> {
  let customerId = identity.customerId;
  if (!customerId) {
    // A phone the platform vouches for joins the customer who already has it (WhatsApp then SMS).
    const phoneOwner = identity.verifiedPhone
      ? await customerWithPhone(table, identity.verifiedPhone)
      : undefined;
    const candidate = phoneOwner ?? newCustomerId();
    const how = phoneOwner ? 'phone_match' : 'first_contact';
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.tableName,
          Key: keys.identity(identity.address),
          UpdateExpression: 'SET customerId = :customerId, linkedAt = :now, linkedBy = :how',
          ConditionExpression: 'attribute_not_exists(customerId)',
          ExpressionAttributeValues: {
            ':customerId': candidate,
            ':now': now.toISOString(),
            ':how': how,
          },
        }),
      );
      customerId = candidate;
      await addMembership(table, candidate, identity.address, { linkedBy: how, linkedAt: now.toISOString() });
      if (phoneOwner) {
        await writeAudit(table, candidate, now, {
          action: 'identity_linked',
          via: 'phone_match',
          identity: addressOf(identity.address),
          toCustomerId: candidate,
        });
      } else if (identity.verifiedPhone) {
        await claimPhone(table, identity.verifiedPhone, candidate);
      }
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      customerId = (await getIdentity(table, identity.address))?.customerId;
      if (!customerId) throw error;
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

/** Counts a conversation in the customer's ISO week and returns how many they opened that week. */
export async function countConversationInWeek(
  table: TableRef,
  customerId: string,
  week: string,
): Promise<number> {
  const result = await table.client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: keys.customer(customerId),
      UpdateExpression: 'ADD #week :one',
      ExpressionAttributeNames: { '#week': `conversations_${week}` },
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.[`conversations_${week}`] ?? 1);
}
