import { createHash } from 'node:crypto';
import type { UnsupportedUpdate } from '../../domain/events.ts';

/** Queue messages are limited to 256 KiB; the start of a body is enough to see what it was. */
export const MAX_KEPT_RAW_CHARS = 64 * 1024;

/** What every event of one webhook delivery shares. */
export interface DeliveryScope {
  readonly rawBody: string;
  readonly receivedAt: Date;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or undefined for anything else (Meta's fields are all optional in practice). */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The array, or an empty one when the field is missing or not an array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Meta's timestamps are Unix seconds as strings ("1749416383"); numbers are accepted too. */
export function isoFromUnixSeconds(value: unknown, fallback: Date): string {
  const seconds = typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return fallback.toISOString();
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? fallback.toISOString() : date.toISOString();
}

export function truncated(raw: string): string {
  return raw.length > MAX_KEPT_RAW_CHARS ? raw.slice(0, MAX_KEPT_RAW_CHARS) : raw;
}

/** Identifies a delivery that carries no id of its own: a redelivery of the same bytes is the same event. */
export function bodyDigest(rawBody: string): string {
  return createHash('sha256').update(rawBody).digest('hex').slice(0, 32);
}

/**
 * An update we acknowledge and keep but do not act on. `eventId` defaults to the body digest;
 * `position` (entry.change[.item]) keeps several such items of one batch apart.
 */
export function unsupported(
  scope: DeliveryScope,
  accountId: string,
  updateKind: string,
  options: { eventId?: string; position?: string; occurredAt?: string; raw?: unknown } = {},
): UnsupportedUpdate {
  const suffix = options.position === undefined ? '' : `:${options.position}`;
  return {
    kind: 'unsupported',
    eventId: options.eventId ?? `whatsapp:${accountId}:body:${bodyDigest(scope.rawBody)}${suffix}`,
    channel: 'whatsapp',
    accountId,
    updateKind,
    occurredAt: options.occurredAt ?? scope.receivedAt.toISOString(),
    // One item of a batch keeps only itself: a 1000-item batch must not copy the body 1000 times.
    raw: truncated(options.raw === undefined ? scope.rawBody : safeJson(options.raw)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}
