/** A queued message as the local queue holds it, and its conversions to records and views. */
import { md5Hex } from './md5.ts';
import {
  LOCAL_ACCOUNT_ID,
  type MessageAttributes,
  type QueuedMessageView,
  type ReceivedMessage,
} from './message-types.ts';
import type { MessageRecord, SendRecord } from './queue-records.ts';

export interface Lease {
  /** `${messageId}:${random}`: names the message and this one receive of it. */
  handle: string;
  visibleAt: number;
}

export interface StoredMessage {
  readonly id: string;
  readonly seq: number;
  readonly groupId: string;
  readonly deduplicationId: string;
  readonly body: string;
  readonly attributes?: MessageAttributes;
  readonly sentAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** False until the record that created it is on disk: only then may anyone receive it. */
  committed: boolean;
  lease?: Lease;
}

/** SQS FIFO sequence numbers are decimal strings; 20 digits keep them sortable as text too. */
export function sequenceNumber(seq: number): string {
  return String(seq).padStart(20, '0');
}

export function bySequence(a: StoredMessage, b: StoredMessage): number {
  return a.seq - b.seq;
}

export function messageFields(message: StoredMessage): Omit<SendRecord, 't'> {
  return {
    id: message.id,
    seq: message.seq,
    g: message.groupId,
    d: message.deduplicationId,
    b: message.body,
    ...(message.attributes ? { a: message.attributes } : {}),
    ts: message.sentAt,
  };
}

export function messageRecord(message: StoredMessage): MessageRecord {
  return {
    t: 'msg',
    ...messageFields(message),
    n: message.receiveCount,
    ...(message.firstReceiveAt === undefined ? {} : { f: message.firstReceiveAt }),
  };
}

export function fromRecord(record: MessageRecord): StoredMessage {
  return {
    id: record.id,
    seq: record.seq,
    groupId: record.g,
    deduplicationId: record.d,
    body: record.b,
    ...(record.a ? { attributes: record.a } : {}),
    sentAt: record.ts,
    receiveCount: record.n,
    ...(record.f === undefined ? {} : { firstReceiveAt: record.f }),
    committed: true,
  };
}

export function toView(message: StoredMessage): QueuedMessageView {
  return {
    messageId: message.id,
    groupId: message.groupId,
    deduplicationId: message.deduplicationId,
    sequenceNumber: sequenceNumber(message.seq),
    body: message.body,
    ...(message.attributes ? { messageAttributes: structuredClone(message.attributes) } : {}),
    sentTimestamp: message.sentAt,
    receiveCount: message.receiveCount,
    inFlight: message.lease !== undefined,
  };
}

export function toReceived(message: StoredMessage, lease: Lease): ReceivedMessage {
  return {
    receiptHandle: lease.handle,
    messageId: message.id,
    body: message.body,
    md5OfBody: md5Hex(message.body),
    attributes: {
      MessageGroupId: message.groupId,
      MessageDeduplicationId: message.deduplicationId,
      SequenceNumber: sequenceNumber(message.seq),
      ApproximateReceiveCount: String(message.receiveCount),
      SentTimestamp: String(message.sentAt),
      ApproximateFirstReceiveTimestamp: String(message.firstReceiveAt ?? message.sentAt),
      SenderId: LOCAL_ACCOUNT_ID,
    },
    ...(message.attributes ? { messageAttributes: structuredClone(message.attributes) } : {}),
  };
}
