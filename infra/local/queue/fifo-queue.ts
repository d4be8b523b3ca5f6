/**
 * One SQS FIFO queue for the local runtime: state in memory, made durable by an append-only
 * journal (journal.ts, records in queue-records.ts) that is compacted at startup and periodically.
 *
 * Durable: accepted sends (a send resolves only after its record is fsynced), receive counts (so a
 * message that crashes the process still reaches the DLQ after enough restarts), deletes, and
 * deduplication ids for their five-minute window.
 * Not durable, on purpose: leases (receipt handles, visibility deadlines). The local runtime is the
 * only consumer, so after a restart nobody holds a lease and in-flight messages are visible at once.
 *
 * Semantics follow SQS FIFO: while any message of a group is in flight the group is locked; within
 * a group messages come in order, and one batch may hold several of them; a receive that would
 * push a message past maxReceiveCount moves it to the dead-letter queue instead.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIFO_DEDUP_WINDOW_SECONDS } from '../../../shared/definitions.ts';
import { type DedupEntry, DedupWindow } from './dedup-window.ts';
import { JournalWriter, readJournal, writeSnapshotSync } from './journal.ts';
import { MessageIndex } from './message-index.ts';
import {
  type QueuedMessageView,
  QueueError,
  type QueueStats,
  type ReceivedMessage,
  type ReceiveInput,
  type SendInput,
  type SendResult,
} from './message-types.ts';
import { isQueueRecord, type QueueRecord } from './queue-records.ts';
import {
  fromRecord,
  messageFields,
  messageRecord,
  type StoredMessage,
  sequenceNumber,
  toReceived,
  toView,
} from './stored-message.ts';

export interface LocalFifoQueueOptions {
  /** Queue name, e.g. `inbound.fifo`. */
  name: string;
  /** Directory for this queue's journal; created if missing. One queue per directory. */
  dir: string;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  /** Receives a message may have; the receive after that moves it to `deadLetterQueue`. */
  maxReceiveCount?: number;
  deadLetterQueue?: LocalFifoQueue;
  /** Epoch milliseconds; injectable so tests can move time. */
  now?: () => number;
  /** SQS keeps deduplication ids five minutes; the load tool shortens it to replay "days later" quickly. */
  dedupWindowSeconds?: number;
  /** Journal records appended before a compaction is considered (default 10 000). */
  compactAfterRecords?: number;
}

const MAX_VISIBILITY_TIMEOUT_SECONDS = 12 * 60 * 60;
const RESOLVED = Promise.resolve();

function assertVisibilityTimeout(seconds: number, parameter: string): void {
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_VISIBILITY_TIMEOUT_SECONDS) {
    throw new QueueError(
      'InvalidParameterValue',
      `Value ${seconds} for parameter ${parameter} is invalid. Reason: Must be between 0 and ${MAX_VISIBILITY_TIMEOUT_SECONDS}.`,
    );
  }
}

export class LocalFifoQueue {
  readonly name: string;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionSeconds: number;
  readonly maxReceiveCount: number | undefined;
  readonly deadLetterQueue: LocalFifoQueue | undefined;
  /** The journal file, exposed for tests and tools. */
  readonly journalFile: string;

  private readonly now: () => number;
  private readonly journal: JournalWriter<QueueRecord>;
  private readonly index = new MessageIndex();
  private readonly dedup: DedupWindow;
  /** Messages taken out of this queue whose arrival elsewhere is not yet durable. */
  private readonly departing = new Map<string, StoredMessage>();
  private readonly waiters = new Set<() => void>();
  private lastSeq = 0;
  private closed = false;

  constructor(options: LocalFifoQueueOptions) {
    assertVisibilityTimeout(options.visibilityTimeoutSeconds, 'VisibilityTimeout');
    this.name = options.name;
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds;
    this.retentionSeconds = options.retentionSeconds;
    this.maxReceiveCount = options.maxReceiveCount;
    this.deadLetterQueue = options.deadLetterQueue;
    this.now = options.now ?? Date.now;
    this.dedup = new DedupWindow((options.dedupWindowSeconds ?? FIFO_DEDUP_WINDOW_SECONDS) * 1000);
    mkdirSync(options.dir, { recursive: true });
    this.journalFile = join(options.dir, 'journal.ndjson');

    for (const record of readJournal(this.journalFile, isQueueRecord)) this.replay(record);
    // Startup compaction: drops consumed messages, expired dedup ids and a torn tail at once.
    const snapshot = this.snapshot();
    writeSnapshotSync(this.journalFile, snapshot);
    this.journal = new JournalWriter({
      path: this.journalFile,
      snapshot: () => this.snapshot(),
      ...(options.compactAfterRecords === undefined
        ? {}
        : { compactAfterRecords: options.compactAfterRecords }),
    });
    this.journal.startedFromSnapshotOf(snapshot.length);
  }

  /**
   * Enqueues a message; resolves once it is on disk. A deduplication id accepted within the last
   * five minutes is acknowledged with the original message id and nothing is enqueued.
   */
  async send(input: SendInput): Promise<SendResult> {
    // No await before the state change: sends issued back to back keep their order.
    this.assertOpen();
    if (!input.groupId || !input.deduplicationId || typeof input.body !== 'string' || input.body === '') {
      throw new QueueError('InvalidParameterValue', 'body, groupId and deduplicationId are required');
    }
    const now = this.now();
    const seen = this.dedup.lookup(input.deduplicationId, now);
    if (seen) {
      await seen.durable;
      return { messageId: seen.messageId, sequenceNumber: sequenceNumber(seen.seq), duplicate: true };
    }
    const message: StoredMessage = {
      id: randomUUID(),
      seq: ++this.lastSeq,
      groupId: input.groupId,
      deduplicationId: input.deduplicationId,
      body: input.body,
      ...(input.attributes && Object.keys(input.attributes).length > 0
        ? { attributes: structuredClone(input.attributes) }
        : {}),
      sentAt: now,
      receiveCount: 0,
      committed: false,
    };
    const durable = this.journal.append([{ t: 'send', ...messageFields(message) }]);
    const entry: DedupEntry = { messageId: message.id, seq: message.seq, acceptedAt: now, durable };
    this.dedup.remember(message.deduplicationId, entry);
    this.index.attach(message);
    try {
      await durable;
    } catch (error) {
      this.index.detach(message);
      this.dedup.forget(message.deduplicationId, entry);
      throw error;
    }
    message.committed = true;
    this.notify();
    return { messageId: message.id, sequenceNumber: sequenceNumber(message.seq), duplicate: false };
  }

  /** Leases up to `maxMessages` visible messages from unlocked groups, oldest group first. */
  async receive(input: ReceiveInput): Promise<ReceivedMessage[]> {
    this.assertOpen();
    const { maxMessages } = input;
    if (!Number.isInteger(maxMessages) || maxMessages < 1 || maxMessages > 10) {
      throw new QueueError(
        'InvalidParameterValue',
        `Value ${maxMessages} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10.`,
      );
    }
    const visibilitySeconds = input.visibilityTimeoutSeconds ?? this.visibilityTimeoutSeconds;
    assertVisibilityTimeout(visibilitySeconds, 'VisibilityTimeout');
    const now = this.now();
    this.index.expireLeases(now);
    const locked = this.index.lockedGroups();

    // Everything up to the awaits below is synchronous, so concurrent receives never share a message.
    const records: QueueRecord[] = [];
    const toDeadLetter: StoredMessage[] = [];
    const batch: ReceivedMessage[] = [];
    for (const group of this.index.groupsOldestFirst()) {
      if (batch.length >= maxMessages) break;
      if (locked.has(group[0]!.groupId)) continue;
      for (const message of [...group]) {
        if (batch.length >= maxMessages || !message.committed) break;
        if (now - message.sentAt >= this.retentionSeconds * 1000) {
          this.index.detach(message);
          records.push({ t: 'del', id: message.id });
          continue;
        }
        if (this.deadLetterQueue && this.maxReceiveCount !== undefined) {
          if (message.receiveCount >= this.maxReceiveCount) {
            this.index.detach(message);
            toDeadLetter.push(message);
            continue;
          }
        }
        message.receiveCount += 1;
        message.firstReceiveAt ??= now;
        const lease = {
          handle: `${message.id}:${randomBytes(12).toString('hex')}`,
          visibleAt: now + visibilitySeconds * 1000,
        };
        this.index.lease(message, lease);
        records.push({ t: 'recv', id: message.id, n: message.receiveCount, f: message.firstReceiveAt });
        batch.push(toReceived(message, lease));
      }
    }
    const moved = this.moveOut(toDeadLetter, this.deadLetterQueue, false).catch(() => {
      // The dead-letter queue could not take them; moveOut put them back, the next receive retries.
    });
    await Promise.all([this.journal.append(records), moved]);
    return batch;
  }

  /** Deletes a leased message. Stale handles (re-received since, or the lease ran out) are rejected. */
  async delete(receiptHandle: string): Promise<void> {
    this.assertOpen();
    const message = this.leasedBy(receiptHandle);
    // Already gone (deleted, moved, purged): SQS treats a repeated delete as success.
    if (!message) return;
    this.index.detach(message);
    this.notify();
    await this.journal.append([{ t: 'del', id: message.id }]);
  }

  /** Restarts the lease's clock at `seconds` from now; 0 makes the message visible at once. */
  async changeVisibility(receiptHandle: string, seconds: number): Promise<void> {
    this.assertOpen();
    assertVisibilityTimeout(seconds, 'VisibilityTimeout');
    const message = this.leasedBy(receiptHandle);
    if (!message?.lease) {
      throw new QueueError('ReceiptHandleIsInvalid', `The receipt handle "${receiptHandle}" is not valid.`);
    }
    if (seconds > 0) {
      message.lease.visibleAt = this.now() + seconds * 1000;
      return;
    }
    this.index.release(message);
    this.notify();
  }

  /** Deletes every message, in flight or not. Deduplication ids stay, as in SQS. */
  async purge(): Promise<void> {
    this.assertOpen();
    this.index.clear();
    await this.journal.append([{ t: 'purge' }]);
  }

  /**
   * Moves every message to `target` (redrive), in order per group, as fresh messages there: same
   * id, group, deduplication id, body and attributes, receive count reset. Leases are dropped.
   * At-least-once: a crash mid-move can leave a message in both queues, never in neither.
   */
  async moveAllTo(target: LocalFifoQueue): Promise<number> {
    this.assertOpen();
    if (target === this) throw new QueueError('InvalidParameterValue', 'cannot move a queue into itself');
    const messages = this.index.all().filter((message) => message.committed);
    for (const message of messages) this.index.detach(message);
    await this.moveOut(messages, target, true);
    return messages.length;
  }

  stats(): QueueStats {
    const now = this.now();
    this.index.expireLeases(now);
    return {
      visible: this.index.size - this.index.inFlightCount,
      inFlight: this.index.inFlightCount,
      delayed: 0,
      oldestAgeSeconds: Math.max(0, Math.floor((now - (this.index.oldestSentAt() ?? now)) / 1000)),
    };
  }

  /** Messages in sequence order, without leasing them. */
  list(options: { limit?: number } = {}): QueuedMessageView[] {
    this.index.expireLeases(this.now());
    const messages = this.index.all();
    return messages.slice(0, options.limit ?? messages.length).map(toView);
  }

  peek(messageId: string): QueuedMessageView | undefined {
    this.index.expireLeases(this.now());
    const message = this.index.get(messageId);
    return message ? toView(message) : undefined;
  }

  /**
   * Resolves when something may have become receivable (a send, a delete or visibility change that
   * unlocks a group, the next lease expiry) or after `timeoutMs`. For long polling; never rejects.
   */
  waitForMessages(timeoutMs: number): Promise<void> {
    if (this.closed) return RESOLVED;
    const wait = Math.min(timeoutMs, this.index.nextLeaseExpiry(this.now()) ?? timeoutMs);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, Math.max(0, wait));
      this.waiters.add(wake);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.notify();
    await this.journal.close();
  }

  /** Takes a message moved in from another queue. Idempotent per message id. */
  private adopt(source: StoredMessage, fresh: boolean): Promise<void> {
    this.assertOpen();
    if (this.index.get(source.id) || this.departing.has(source.id)) return RESOLVED;
    const message: StoredMessage = {
      id: source.id,
      seq: ++this.lastSeq,
      groupId: source.groupId,
      deduplicationId: source.deduplicationId,
      body: source.body,
      ...(source.attributes ? { attributes: source.attributes } : {}),
      sentAt: fresh ? this.now() : source.sentAt,
      receiveCount: fresh ? 0 : source.receiveCount,
      ...(fresh || source.firstReceiveAt === undefined ? {} : { firstReceiveAt: source.firstReceiveAt }),
      committed: false,
    };
    this.index.attach(message);
    return this.journal.append([messageRecord(message)]).then(
      () => {
        message.committed = true;
        this.notify();
      },
      (error: unknown) => {
        this.index.detach(message);
        throw error;
      },
    );
  }

  /**
   * Hands already-detached messages to `target`, then records their deletion here. The delete is
   * written only after the target's copy is durable, so a crash duplicates rather than loses.
   */
  private async moveOut(messages: StoredMessage[], target: LocalFifoQueue | undefined, fresh: boolean) {
    if (messages.length === 0 || !target) return;
    // Until the delete is written, compaction snapshots must still contain them.
    for (const message of messages) this.departing.set(message.id, message);
    try {
      await Promise.all(messages.map((message) => target.adopt(message, fresh)));
    } catch (error) {
      for (const message of messages) {
        this.departing.delete(message.id);
        this.index.attach(message);
      }
      this.notify();
      throw error;
    }
    for (const message of messages) this.departing.delete(message.id);
    await this.journal.append(messages.map((message) => ({ t: 'del', id: message.id })));
  }

  /** The message `receiptHandle` currently leases; undefined if the message is gone; throws if stale. */
  private leasedBy(receiptHandle: string): StoredMessage | undefined {
    const separator = typeof receiptHandle === 'string' ? receiptHandle.lastIndexOf(':') : -1;
    if (separator <= 0) {
      throw new QueueError(
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not valid.`,
      );
    }
    this.index.expireLeases(this.now());
    const message = this.index.get(receiptHandle.slice(0, separator));
    if (!message) return undefined;
    if (message.lease?.handle !== receiptHandle) {
      throw new QueueError(
        'ReceiptHandleIsInvalid',
        `The receipt handle "${receiptHandle}" has expired or the message was received again since.`,
      );
    }
    return message;
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private assertOpen(): void {
    if (this.closed) throw new QueueError('QueueClosed', `queue ${this.name} is closed`);
  }

  /** Applies one journal record at startup. Records are idempotent, so order is all that matters. */
  private replay(record: QueueRecord): void {
    if ('seq' in record) this.lastSeq = Math.max(this.lastSeq, record.seq);
    switch (record.t) {
      case 'send':
        this.dedup.remember(record.d, {
          messageId: record.id,
          seq: record.seq,
          acceptedAt: record.ts,
          durable: RESOLVED,
        });
        if (!this.index.get(record.id)) this.index.attach(fromRecord({ ...record, t: 'msg', n: 0 }));
        return;
      case 'msg':
        if (!this.index.get(record.id)) this.index.attach(fromRecord(record));
        return;
      case 'dedup':
        this.dedup.remember(record.d, {
          messageId: record.id,
          seq: record.seq,
          acceptedAt: record.ts,
          durable: RESOLVED,
        });
        return;
      case 'recv': {
        const message = this.index.get(record.id);
        if (!message) return;
        message.receiveCount = record.n;
        message.firstReceiveAt = record.f;
        return;
      }
      case 'del': {
        const message = this.index.get(record.id);
        if (message) this.index.detach(message);
        return;
      }
      case 'purge':
        this.index.clear();
        return;
      case 'meta':
        return;
    }
  }

  /** Records that rebuild the current state; the journal calls it synchronously to compact. */
  private snapshot(): QueueRecord[] {
    const records: QueueRecord[] = [{ t: 'meta', seq: this.lastSeq }];
    for (const [d, entry] of this.dedup.live(this.now())) {
      records.push({ t: 'dedup', d, id: entry.messageId, seq: entry.seq, ts: entry.acceptedAt });
    }
    const messages = [...this.index.all(), ...this.departing.values()].sort((a, b) => a.seq - b.seq);
    for (const message of messages) records.push(messageRecord(message));
    return records;
  }
}
