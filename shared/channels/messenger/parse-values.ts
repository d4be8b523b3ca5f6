import { createHash } from 'node:crypto';
import type { ChannelAddress } from '../../domain/channel.ts';
import type { UnsupportedUpdate } from '../../domain/events.ts';

/** Queue messages are limited to 256 KiB; the start of an event is enough to see what it was. */
export const MAX_KEPT_RAW_CHARS = 64 * 1024;

/** Below this a timestamp is in seconds: in milliseconds it would be before March 1973. */
const SECONDS_CUTOFF = 1e11;

/** What every event of one `messaging[]` item shares. */
export interface EventContext {
  /** Our Page id (the entry's id): the account every reply goes out from. */
  readonly pageId: string;
  /** The customer's PSID; undefined for Page-level events (policy enforcement, app roles). */
  readonly senderId: string | undefined;
  /** When the event happened: its timestamp, else the entry's time, else when we received it. */
  readonly occurredAt: string;
  /** The event's own timestamp in ms, part of synthetic ids; undefined when it has none. */
  readonly timestampMs: number | undefined;
  /** The event as JSON, kept for unsupported events. */
  readonly raw: string;
  /** Digest of `raw`: events of one kind, sender and time with different content get different ids. */
  readonly contentDigest: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string id; or an integer id a JSON number could hold exactly. */
export function wireId(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * A Messenger timestamp as epoch milliseconds: numbers in ms as documented, numeric strings and
 * seconds as in some doc samples. Undefined for anything a Date cannot hold.
 */
export function epochMs(value: unknown): number | undefined {
  const numeric = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof numeric !== 'number' || !Number.isFinite(numeric) || numeric < 0) return undefined;
  const ms = Math.trunc(numeric < SECONDS_CUTOFF ? numeric * 1000 : numeric);
  return Number.isNaN(new Date(ms).getTime()) ? undefined : ms;
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

export function digest(text: string, length = 16): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export function keptRaw(raw: string): string {
  return raw.length > MAX_KEPT_RAW_CHARS ? raw.slice(0, MAX_KEPT_RAW_CHARS) : raw;
}

export function addressOf(pageId: string, psid: string): ChannelAddress {
  return { channel: 'messenger', accountId: pageId, userId: psid, chatId: psid };
}

/**
 * The id of an event Meta gives no id of its own (postbacks without mid, reactions, watermarks…):
 * the same on every redelivery, since it is built from what the event says, and distinct for
 * different kinds, senders, times or contents.
 */
export function syntheticEventId(context: EventContext, kind: string): string {
  const sender = context.senderId ?? '-';
  const time = context.timestampMs ?? '-';
  return `messenger:${context.pageId}:${kind}:${sender}:${time}:${context.contentDigest}`;
}

export function unsupportedEvent(
  context: Pick<EventContext, 'pageId' | 'occurredAt' | 'raw'>,
  eventId: string,
  updateKind: string,
): UnsupportedUpdate {
  return {
    kind: 'unsupported',
    eventId,
    channel: 'messenger',
    accountId: context.pageId,
    updateKind,
    occurredAt: context.occurredAt,
    raw: keptRaw(context.raw),
  };
}
