import { parseDeliveryReference } from '../../domain/delivery-reference.ts';
import type { DeliveryStatusUpdate, InboundEvent } from '../../domain/events.ts';
import { waIdOf } from './parse-content.ts';
import {
  type DeliveryScope,
  isoFromUnixSeconds,
  isRecord,
  list,
  text,
  unsupported,
} from './parse-support.ts';

export interface StatusScope extends DeliveryScope {
  readonly accountId: string;
  readonly contacts: readonly Record<string, unknown>[];
  readonly position: string;
  readonly raw: unknown;
}

/** `played` is sent the first time a voice message is played: for us it means read. */
const STATUS_MAP: Record<string, DeliveryStatusUpdate['status']> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  played: 'read',
  failed: 'failed',
};

/** One entry of `statuses[]` (what became of a message we sent) → one status event. */
export function parseStatus(status: unknown, scope: StatusScope): InboundEvent {
  const malformed = () =>
    unsupported(scope, scope.accountId, 'status:malformed', { position: scope.position, raw: scope.raw });
  if (!isRecord(status)) return malformed();
  const wamid = text(status.id);
  const wireStatus = text(status.status);
  if (!wamid || !wireStatus) return malformed();
  // The wire status stays in the id: `played` and `read` of one message are distinct deliveries.
  const eventId = `whatsapp:${scope.accountId}:${wamid}:${wireStatus}`;
  const occurredAt = isoFromUnixSeconds(status.timestamp, scope.receivedAt);
  const mapped = STATUS_MAP[wireStatus];
  const skip = (updateKind: string) =>
    unsupported(scope, scope.accountId, updateKind, { eventId, occurredAt, raw: scope.raw });
  if (!mapped) return skip(`status:${wireStatus}`);
  if (status.recipient_type === 'group') return skip('status:group');
  const recipientId = recipientOf(status, scope.contacts);
  if (!recipientId) return skip('status:no_recipient');
  const error = mapped === 'failed' ? errorOf(status.errors) : undefined;
  const reference = parseDeliveryReference(status.biz_opaque_callback_data);
  return {
    kind: 'status',
    eventId,
    channel: 'whatsapp',
    accountId: scope.accountId,
    recipientId,
    providerMessageId: wamid,
    status: mapped,
    occurredAt,
    ...(error ? { error } : {}),
    ...(reference ? { reference } : {}),
  };
}

/**
 * The customer, keyed like their messages (BSUID first), so a status lands in the same chat group.
 * Failed statuses for messages sent to a phone carry only `recipient_id`.
 */
function recipientOf(
  status: Record<string, unknown>,
  contacts: readonly Record<string, unknown>[],
): string | undefined {
  const onlyContact = contacts.length === 1 ? contacts[0] : undefined;
  return text(status.recipient_user_id) ?? text(onlyContact?.user_id) ?? waIdOf(status.recipient_id);
}

function errorOf(errors: unknown): DeliveryStatusUpdate['error'] {
  const first = list(errors).find(isRecord);
  if (!first) return undefined;
  const title = text(first.message) ?? text(first.title) ?? '';
  const details = isRecord(first.error_data) ? text(first.error_data.details) : undefined;
  const description = details && details !== title ? (title ? `${title} (${details})` : details) : title;
  return {
    code: typeof first.code === 'number' || typeof first.code === 'string' ? String(first.code) : 'unknown',
    description,
  };
}
