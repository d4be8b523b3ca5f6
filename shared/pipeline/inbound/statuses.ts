import type { DeliveryStatusUpdate, DeliveryWatermark } from '../../domain/events.ts';
import { getCustomer, getIdentity } from '../../store/customers.ts';
import {
  applyDeliveryStatus,
  findProviderMessage,
  outboundMessagesUpTo,
} from '../../store/delivery-status.ts';
import type { TableRef } from '../../store/dynamo.ts';
import { incrementCounter } from '../../store/inspection.ts';

/**
 * One status report for one of our messages, found by the tag we sent with it or else by the
 * platform's id; reports about messages we never sent are counted.
 */
export async function applyStatusUpdate(table: TableRef, update: DeliveryStatusUpdate): Promise<void> {
  const ref =
    update.reference ??
    (await findProviderMessage(table, update.channel, update.accountId, update.providerMessageId));
  if (!ref) {
    await incrementCounter(table, 'status_for_unknown_message', `${update.channel}#${update.status}`);
    return;
  }
  const applied = await applyDeliveryStatus(
    table,
    ref,
    update.status,
    new Date(update.occurredAt),
    update.error,
    { channel: update.channel, accountId: update.accountId, id: update.providerMessageId },
  );
  // A tag naming a message we no longer have (its transcript expired): counted like an unknown id.
  if (!applied)
    await incrementCounter(table, 'status_for_unknown_message', `${update.channel}#${update.status}`);
}

/** Messenger's "delivered/read up to here": applies to every earlier message to that customer. */
export async function applyWatermark(table: TableRef, watermark: DeliveryWatermark): Promise<void> {
  const listed = await Promise.all(
    (watermark.providerMessageIds ?? []).map((id) =>
      findProviderMessage(table, watermark.channel, watermark.accountId, id),
    ),
  );
  const refs = listed.filter((ref) => ref !== undefined);
  const identity = await getIdentity(table, {
    channel: watermark.channel,
    accountId: watermark.accountId,
    userId: watermark.recipientId,
  });
  const customer = identity?.customerId ? await getCustomer(table, identity.customerId) : undefined;
  if (customer?.openConversationId) {
    refs.push(
      ...(await outboundMessagesUpTo(
        table,
        customer.openConversationId,
        watermark.recipientId,
        watermark.upTo,
      )),
    );
  }
  const unique = new Map(refs.map((ref) => [ref.messageId, ref]));
  for (const ref of unique.values()) {
    await applyDeliveryStatus(table, ref, watermark.status, new Date(watermark.occurredAt));
  }
}
