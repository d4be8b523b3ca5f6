import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { InboundEnvelope } from '../queue/envelopes.ts';
import { getCustomer, getIdentity } from './customers.ts';
import { isConditionalCheckFailed, type TableRef } from './dynamo.ts';
import { messageId, stableDigest } from './ids.ts';
import { keys } from './keys.ts';

/** Shown to agents where a customer's message was set aside in the dead-letter queue. */
export const GAP_MARKER_TEXT =
  'A message from the customer could not be processed and was set aside for an operator.';

/**
 * Leaves a visible gap in the customer's open conversation for an event parked in the dead-letter
 * queue, at the place the message would have taken. Idempotent per event. Returns the conversation
 * id, or undefined when the event has no customer or open conversation yet (nothing to mark).
 */
export async function appendGapMarker(
  table: TableRef,
  envelope: InboundEnvelope,
  parkedAt: Date,
): Promise<string | undefined> {
  const { event } = envelope;
  const receivedAt = new Date(envelope.receivedAt);
  if (!('address' in event)) return undefined;
  const identity = await getIdentity(table, event.address);
  const customer = identity?.customerId ? await getCustomer(table, identity.customerId) : undefined;
  const conversationId = customer?.openConversationId;
  if (!conversationId) return undefined;
  // Where the message itself would have sorted: the time it was written, at the latest when received.
  const written = Date.parse(event.occurredAt);
  const sortAt = Number.isNaN(written) ? receivedAt : new Date(Math.min(written, receivedAt.getTime()));
  const arrival = `${receivedAt.getTime().toString(36).padStart(9, '0')}${(envelope.position ?? 0).toString(36).padStart(3, '0')}`;
  // The customer's own entry (if it was written) is `…-in`: the marker sorts right after it.
  const entryId = messageId(sortAt, `${arrival}-${stableDigest(event.eventId, 16)}-in-gap`);
  try {
    await table.client.send(
      new PutCommand({
        TableName: table.tableName,
        Item: {
          ...keys.message(conversationId, entryId),
          messageId: entryId,
          conversationId,
          author: { kind: 'system' },
          kind: 'gap',
          text: GAP_MARKER_TEXT,
          eventId: event.eventId,
          parkedAt: parkedAt.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  return conversationId;
}
