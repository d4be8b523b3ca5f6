/**
 * The journal records of a local FIFO queue. Field names are short because every send and every
 * receive writes one line; `seq` is the queue's own counter, `ts` an epoch-millisecond timestamp.
 */
import type { MessageAttributes } from './message-types.ts';

interface MessageFields {
  id: string;
  seq: number;
  /** MessageGroupId */
  g: string;
  /** MessageDeduplicationId */
  d: string;
  /** body */
  b: string;
  /** message attributes */
  a?: MessageAttributes;
  /** sent timestamp */
  ts: number;
}

/** An accepted send: enqueues the message and opens its deduplication window, in one record. */
export interface SendRecord extends MessageFields {
  t: 'send';
}

/** A message with its receive state and no deduplication entry: snapshots, DLQ moves, redrives. */
export interface MessageRecord extends MessageFields {
  t: 'msg';
  /** ApproximateReceiveCount */
  n: number;
  /** ApproximateFirstReceiveTimestamp */
  f?: number;
}

/** A deduplication id still inside its window (snapshots only). */
export interface DedupRecord {
  t: 'dedup';
  d: string;
  id: string;
  seq: number;
  ts: number;
}

/** A receive: the absolute receive count, so replaying it twice is harmless. */
export interface ReceiveRecord {
  t: 'recv';
  id: string;
  n: number;
  f: number;
}

export interface DeleteRecord {
  t: 'del';
  id: string;
}

export interface PurgeRecord {
  t: 'purge';
}

/** Snapshot header: keeps sequence numbers rising after every message was deleted. */
export interface MetaRecord {
  t: 'meta';
  seq: number;
}

export type QueueRecord =
  | SendRecord
  | MessageRecord
  | DedupRecord
  | ReceiveRecord
  | DeleteRecord
  | PurgeRecord
  | MetaRecord;

const RECORD_TYPES = new Set<string>(['send', 'msg', 'dedup', 'recv', 'del', 'purge', 'meta']);

/** A shallow check: the journal is only written by this module, the check catches torn lines. */
export function isQueueRecord(value: unknown): value is QueueRecord {
  if (typeof value !== 'object' || value === null || !('t' in value)) return false;
  const type = value.t;
  if (typeof type !== 'string' || !RECORD_TYPES.has(type)) return false;
  if (type === 'purge') return true;
  if (type === 'meta') return 'seq' in value && typeof value.seq === 'number';
  return 'id' in value && typeof value.id === 'string';
}
