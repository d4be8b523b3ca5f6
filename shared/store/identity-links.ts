import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChannelAddress } from '../domain/channel.ts';
import type { Identity } from '../domain/identity.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { newCustomerId } from './ids.ts';
import { keys } from './keys.ts';

type AddressKey = Pick<ChannelAddress, 'channel' | 'accountId' | 'userId'>;
export type LinkVia = 'link_code' | 'phone_match';

export function addressOf(address: AddressKey): AddressKey {
  return { channel: address.channel, accountId: address.accountId, userId: address.userId };
}

/** Phones are keyed by digest: no personal data in a key. */
function phoneDigest(phone: string): string {
  return createHash('sha256').update(`phone:${phone}`).digest('base64url');
}

export async function customerWithPhone(table: TableRef, phone: string): Promise<string | undefined> {
  const result = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.phone(phoneDigest(phone)), ConsistentRead: true }),
  );
  return result.Item?.customerId as string | undefined;
}

/** Records that this customer has the phone, unless another customer already does (the first one keeps it). */
export async function claimPhone(table: TableRef, phone: string, customerId: string): Promise<string> {
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...keys.phone(phoneDigest(phone)), customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return customerId;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    return (await customerWithPhone(table, phone)) ?? customerId;
  }
}

/** Lists an identity under its customer, so the customer's channels are one query away. */
export async function addMembership(
  table: TableRef,
  customerId: string,
  address: ChannelAddress,
  link: { linkedBy: string; linkedAt: string },
): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.customerIdentity(customerId, address), address: { ...address }, ...link },
    }),
  );
}

async function removeMembership(table: TableRef, customerId: string, address: AddressKey): Promise<void> {
  await table.client.send(
    new DeleteCommand({ TableName: table.tableName, Key: keys.customerIdentity(customerId, address) }),
  );
}

export interface AuditEntry {
  readonly action: 'identity_linked' | 'identity_unlinked';
  readonly via: LinkVia | 'agent_undo';
  readonly identity: AddressKey;
  readonly fromCustomerId?: string;
  readonly toCustomerId: string;
  readonly by?: string;
}

export async function writeAudit(
  table: TableRef,
  customerId: string,
  now: Date,
  entry: AuditEntry,
): Promise<void> {
  await table.client.send(
    new PutCommand({
      TableName: table.tableName,
      Item: { ...keys.audit(customerId, now.toISOString(), entry.action), ...entry, at: now.toISOString() },
    }),
  );
}

export async function readAudit(
  table: TableRef,
  customerId: string,
): Promise<(AuditEntry & { at: string })[]> {
  const result = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.audit(customerId, '', '').pk },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return (result.Items ?? []).map(({ pk: _pk, sk: _sk, ...entry }) => entry as AuditEntry & { at: string });
}

/**
 * Moves a channel identity to another customer (a link code, or a phone the platform vouches for),
 * only if it still belongs to `fromCustomerId`, and audits it so an agent can review and undo it.
 */
export async function moveIdentity(
  table: TableRef,
  address: ChannelAddress | AddressKey,
  fromCustomerId: string,
  toCustomerId: string,
  now: Date,
  via: LinkVia,
): Promise<boolean> {
  let moved: Record<string, unknown> | undefined;
  try {
    const result = await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.identity(address),
        UpdateExpression: 'SET customerId = :to, linkedAt = :at, linkedBy = :via, previousCustomerId = :from',
        ConditionExpression: 'customerId = :from',
        ExpressionAttributeValues: {
          ':to': toCustomerId,
          ':from': fromCustomerId,
          ':at': now.toISOString(),
          ':via': via,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    moved = result.Attributes;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
  // The identity item is the truth; memberships follow it (readers skip a stale one).
  await addMembership(table, toCustomerId, membershipAddress(moved, address), {
    linkedBy: via,
    linkedAt: now.toISOString(),
  });
  await removeMembership(table, fromCustomerId, address);
  await writeAudit(table, toCustomerId, now, {
    action: 'identity_linked',
    via,
    identity: addressOf(address),
    fromCustomerId,
    toCustomerId,
  });
  return true;
}

function membershipAddress(item: Record<string, unknown> | undefined, fallback: AddressKey): ChannelAddress {
  return {
    ...addressOf(fallback),
    chatId:
      (item?.chatId as string | undefined) ??
      ('chatId' in fallback ? String(fallback.chatId) : fallback.userId),
  };
}

/**
 * A verified phone turned up on an identity that already has a customer (a Telegram contact card):
 * the identity joins the customer who has that phone. Returns the customer the identity now belongs to.
 */
export async function linkByPhone(
  table: TableRef,
  identity: Identity,
  now: Date,
): Promise<string | undefined> {
  const phone = identity.verifiedPhone;
  const current = identity.customerId;
  if (!phone || !current || identity.autoLinkBlocked) return current;
  const owner = await claimPhone(table, phone, current);
  if (owner === current) return current;
  return (await moveIdentity(table, identity.address, current, owner, now, 'phone_match')) ? owner : current;
}

export type UndoOutcome =
  | { readonly ok: true; readonly customerId: string }
  | { readonly ok: false; readonly reason: 'not_linked' | 'changed' };

/**
 * An agent undoes a link: the identity goes back to the customer it came from (or, for a phone
 * match on first contact, to a customer of its own) and is never linked automatically again.
 */
export async function undoLink(
  table: TableRef,
  address: AddressKey,
  currentCustomerId: string,
  by: string,
  now: Date,
): Promise<UndoOutcome> {
  const found = await table.client.send(
    new GetCommand({ TableName: table.tableName, Key: keys.identity(address), ConsistentRead: true }),
  );
  const item = found.Item;
  if (!item || item.customerId !== currentCustomerId) return { ok: false, reason: 'changed' };
  if (item.linkedBy !== 'link_code' && item.linkedBy !== 'phone_match')
    return { ok: false, reason: 'not_linked' };
  const target = typeof item.previousCustomerId === 'string' ? item.previousCustomerId : newCustomerId();
  try {
    await table.client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.identity(address),
        UpdateExpression:
          'SET customerId = :to, linkedAt = :at, linkedBy = :how, autoLinkBlocked = :true, previousCustomerId = :from',
        ConditionExpression: 'customerId = :from AND linkedBy = :was',
        ExpressionAttributeValues: {
          ':to': target,
          ':from': currentCustomerId,
          ':at': now.toISOString(),
          ':how': 'agent_undo',
          ':was': item.linkedBy,
          ':true': true,
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) return { ok: false, reason: 'changed' };
    throw error;
  }
  await addMembership(table, target, membershipAddress(item, address), {
    linkedBy: 'agent_undo',
    linkedAt: now.toISOString(),
  });
  await removeMembership(table, currentCustomerId, address);
  const entry: AuditEntry = {
    action: 'identity_unlinked',
    via: 'agent_undo',
    identity: addressOf(address),
    fromCustomerId: currentCustomerId,
    toCustomerId: target,
    by,
  };
  await writeAudit(table, currentCustomerId, now, entry);
  await writeAudit(table, target, now, entry);
  return { ok: true, customerId: target };
}

/**
 * The customer's identities as stored on each identity item (the truth: a membership left stale by
 * a crash between writes is skipped), with what each channel allows now.
 */
export async function customerIdentities(table: TableRef, customerId: string): Promise<Identity[]> {
  const { pk, skPrefix } = keys.customerIdentitiesPrefix(customerId);
  const members = await table.client.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
    }),
  );
  const addresses = (members.Items ?? []).map((item) => item.address as ChannelAddress);
  if (addresses.length === 0) return [];
  const identities: Identity[] = [];
  for (let start = 0; start < addresses.length; start += 100) {
    const chunk = addresses.slice(start, start + 100);
    const result = await table.client.send(
      new BatchGetCommand({
        RequestItems: {
          [table.tableName]: { Keys: chunk.map((address) => keys.identity(address)), ConsistentRead: true },
        },
      }),
    );
    for (const item of result.Responses?.[table.tableName] ?? []) {
      if (item.customerId !== customerId) continue;
      identities.push(identityFromStoredItem(item));
    }
  }
  return identities;
}

/** An identity item as the domain sees it (every reader of identity items goes through here). */
export function identityFromStoredItem(item: Record<string, unknown>): Identity {
  const optional = <K extends string>(key: K) =>
    typeof item[key] === 'string' || typeof item[key] === 'boolean' ? { [key]: item[key] } : {};
  return {
    address: {
      channel: item.channel as ChannelAddress['channel'],
      accountId: String(item.accountId),
      userId: String(item.userId),
      chatId: String(item.chatId ?? item.userId),
    },
    ...optional('customerId'),
    ...optional('lastCustomerMessageAt'),
    ...(item.optedOut === true ? { optedOut: true } : {}),
    ...optional('verifiedPhone'),
    ...optional('linkedAt'),
    ...optional('linkedBy'),
    ...optional('previousCustomerId'),
    ...(item.autoLinkBlocked === true ? { autoLinkBlocked: true } : {}),
  } as Identity;
}
