import type { InboundEvent } from '../../domain/events.ts';
import {
  fromEdit,
  fromPostback,
  fromReaction,
  fromStandaloneReferral,
  fromWatermark,
} from './parse-interactions.ts';
import { fromMessage } from './parse-message.ts';
import {
  digest,
  type EventContext,
  epochMs,
  isoOf,
  isRecord,
  keptRaw,
  syntheticEventId,
  unsupportedEvent,
  wireId,
} from './parse-values.ts';

/** Keys every messaging event has; the remaining key names its kind. */
const ENVELOPE_KEYS = new Set(['sender', 'recipient', 'timestamp']);
/** Kinds we act on, in the order we look for them. */
const KNOWN_KINDS = [
  'message',
  'postback',
  'referral',
  'reaction',
  'message_edit',
  'message_edits',
  'delivery',
  'read',
];

/**
 * Turns one verified Messenger webhook body into domain events, one per messaging event of every
 * entry. Never throws: a body that is not a Page webhook becomes one `unsupported` event, and an
 * event that cannot be read becomes an `unsupported` event beside its readable siblings.
 */
export function parseMessengerWebhook(rawBody: string, receivedAt: Date): InboundEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return [wholeBody(rawBody, 'unknown', receivedAt, 'unparseable')];
  }
  const pageGuess = firstPageId(body) ?? 'unknown';
  try {
    if (!isRecord(body) || !Array.isArray(body.entry))
      return [wholeBody(rawBody, pageGuess, receivedAt, 'unparseable')];
    if (body.object !== 'page')
      return [wholeBody(rawBody, pageGuess, receivedAt, `object:${String(body.object)}`)];
    const bodyDigest = digest(rawBody, 32);
    return body.entry.flatMap((entry, index) => fromEntry(entry, `${bodyDigest}:${index}`, receivedAt));
  } catch {
    // Last resort (a nesting depth JSON.stringify cannot walk): keep the whole body for an operator.
    return [wholeBody(rawBody, pageGuess, receivedAt, 'unparseable')];
  }
}

function fromEntry(entry: unknown, position: string, receivedAt: Date): InboundEvent[] {
  const pageId = isRecord(entry) ? (wireId(entry.id) ?? 'unknown') : 'unknown';
  if (!isRecord(entry)) return [damaged(pageId, position, receivedAt, entry, 'entry:malformed')];
  const entryTime = epochMs(entry.time);
  const read = (event: unknown, at: string, standby: boolean): InboundEvent => {
    try {
      const context = contextOf(event, pageId, entryTime, receivedAt);
      return standby ? fromStandby(event, context) : fromEvent(event, context);
    } catch {
      return damaged(pageId, `${position}:${at}`, receivedAt, undefined, 'malformed');
    }
  };
  const events: InboundEvent[] = [];
  for (const [i, event] of arrayOf(entry.messaging).entries())
    events.push(read(event, `messaging:${i}`, false));
  for (const [i, event] of arrayOf(entry.standby).entries()) events.push(read(event, `standby:${i}`, true));
  // Test notifications from the App Dashboard use the generic Graph shape: changes[].value.
  for (const [i, change] of arrayOf(entry.changes).entries()) {
    const value = isRecord(change) ? change.value : undefined;
    const field = isRecord(change) && typeof change.field === 'string' ? change.field : 'unknown';
    events.push(
      isRecord(value) && isRecord(value.recipient)
        ? read(value, `changes:${i}`, false)
        : damaged(pageId, `${position}:changes:${i}`, receivedAt, change, `change:${field}`),
    );
  }
  if (events.length === 0) return [damaged(pageId, position, receivedAt, entry, 'entry:no_events')];
  return events;
}

function fromEvent(event: unknown, context: EventContext): InboundEvent {
  if (!isRecord(event)) return unsupportedEvent(context, syntheticEventId(context, 'malformed'), 'malformed');
  const kind = kindOf(event);
  const psid = context.senderId;
  if (kind === 'message') return fromMessage(event.message, psid, context, recipientOf(event));
  // Handover, opt-ins, account linking, policy enforcement, new kinds: kept, counted, never answered.
  if (!KNOWN_KINDS.includes(kind)) return unsupportedEvent(context, syntheticEventId(context, kind), kind);
  if (!psid) return unsupportedEvent(context, syntheticEventId(context, kind), `${kind}:no_sender`);
  switch (kind) {
    case 'postback':
      return fromPostback(event.postback, psid, context);
    case 'referral':
      return fromStandaloneReferral(event.referral, psid, context);
    case 'reaction':
      return fromReaction(event.reaction, psid, context);
    case 'delivery':
      return fromWatermark(event.delivery, 'delivered', psid, context);
    case 'read':
      return fromWatermark(event.read, 'read', psid, context);
    default:
      return fromEdit(event[kind], psid, context);
  }
}

/** Another app owns the thread: observe, never answer (Meta strips postback payloads here anyway). */
function fromStandby(event: unknown, context: EventContext): InboundEvent {
  const message = isRecord(event) && isRecord(event.message) ? event.message : undefined;
  const mid = typeof message?.mid === 'string' && message.mid ? message.mid : undefined;
  const eventId = mid ? `messenger:${context.pageId}:standby:${mid}` : syntheticEventId(context, 'standby');
  return unsupportedEvent(context, eventId, 'standby');
}

function kindOf(event: Record<string, unknown>): string {
  const keys = Object.keys(event).filter((key) => !ENVELOPE_KEYS.has(key));
  return KNOWN_KINDS.find((kind) => keys.includes(kind)) ?? keys[0] ?? 'empty';
}

function contextOf(
  event: unknown,
  pageId: string,
  entryTime: number | undefined,
  receivedAt: Date,
): EventContext {
  const record = isRecord(event) ? event : {};
  const timestampMs = epochMs(record.timestamp);
  const raw = JSON.stringify(event) ?? 'null';
  return {
    pageId,
    senderId: isRecord(record.sender) ? wireId(record.sender.id) : undefined,
    occurredAt: isoOf(timestampMs ?? entryTime ?? receivedAt.getTime()),
    timestampMs,
    raw,
    contentDigest: digest(raw),
  };
}

/** Something inside a readable body that is not a messaging event, kept for an operator. */
function damaged(
  pageId: string,
  position: string,
  receivedAt: Date,
  value: unknown,
  updateKind: string,
): InboundEvent {
  let raw = '';
  try {
    raw = JSON.stringify(value) ?? '';
  } catch {
    // Too deep to serialise: the id still tells an operator where it was.
  }
  // By content when it can be read, so a redelivery in another batch is the same event.
  const eventId = `messenger:${pageId}:malformed:${digest(raw !== '' ? raw : position)}`;
  return unsupportedEvent({ pageId, occurredAt: receivedAt.toISOString(), raw }, eventId, updateKind);
}

/** A body we cannot split into events: its digest identifies it, so a redelivery is the same event. */
function wholeBody(rawBody: string, pageId: string, receivedAt: Date, updateKind: string): InboundEvent {
  return {
    kind: 'unsupported',
    eventId: `messenger:${pageId}:body:${digest(rawBody, 32)}`,
    channel: 'messenger',
    accountId: pageId,
    updateKind,
    occurredAt: receivedAt.toISOString(),
    raw: keptRaw(rawBody),
  };
}

function firstPageId(body: unknown): string | undefined {
  if (!isRecord(body) || !Array.isArray(body.entry)) return undefined;
  const [first] = body.entry as unknown[];
  return isRecord(first) ? wireId(first.id) : undefined;
}

function arrayOf(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Who a Page-sent event (an echo) went to: the customer's PSID. */
function recipientOf(event: Record<string, unknown>): string | undefined {
  return isRecord(event.recipient) ? wireId(event.recipient.id) : undefined;
}
