/**
 * The in-memory indexes of one queue: messages by id, per group in sequence order, and the leased
 * (in-flight) ones. No persistence and no SQS rules here beyond what a group lock needs.
 */
import { bySequence, type Lease, type StoredMessage } from './stored-message.ts';

export class MessageIndex {
  private readonly byId = new Map<string, StoredMessage>();
  /** A group with no messages has no entry. */
  private readonly groups = new Map<string, StoredMessage[]>();
  private readonly leased = new Map<string, StoredMessage>();

  get size(): number {
    return this.byId.size;
  }

  get inFlightCount(): number {
    return this.leased.size;
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  /** Every message, in sequence order. */
  all(): StoredMessage[] {
    return [...this.byId.values()].sort(bySequence);
  }

  attach(message: StoredMessage): void {
    this.byId.set(message.id, message);
    const group = this.groups.get(message.groupId);
    if (!group) {
      this.groups.set(message.groupId, [message]);
      return;
    }
    // New messages carry the highest sequence number; only a failed move puts one back earlier.
    let index = group.length;
    while (index > 0 && group[index - 1]!.seq > message.seq) index -= 1;
    group.splice(index, 0, message);
  }

  /** Removes the message (and its lease); harmless if it is not indexed. */
  detach(message: StoredMessage): void {
    this.release(message);
    if (this.byId.get(message.id) !== message) return;
    this.byId.delete(message.id);
    const group = this.groups.get(message.groupId);
    const index = group ? group.indexOf(message) : -1;
    if (!group || index === -1) return;
    group.splice(index, 1);
    if (group.length === 0) this.groups.delete(message.groupId);
  }

  clear(): void {
    for (const message of this.leased.values()) message.lease = undefined;
    this.byId.clear();
    this.groups.clear();
    this.leased.clear();
  }

  lease(message: StoredMessage, lease: Lease): void {
    message.lease = lease;
    this.leased.set(message.id, message);
  }

  release(message: StoredMessage): void {
    message.lease = undefined;
    this.leased.delete(message.id);
  }

  /** Ends every lease whose visibility deadline has passed. */
  expireLeases(now: number): void {
    for (const message of this.leased.values()) {
      if (!message.lease || message.lease.visibleAt <= now) this.release(message);
    }
  }

  /** Milliseconds until the next lease ends, or undefined if nothing is in flight. */
  nextLeaseExpiry(now: number): number | undefined {
    let next: number | undefined;
    for (const message of this.leased.values()) {
      const left = (message.lease?.visibleAt ?? now) - now;
      next = next === undefined ? left : Math.min(next, left);
    }
    return next;
  }

  /** Groups with a message in flight: SQS delivers nothing more from them until it is done. */
  lockedGroups(): Set<string> {
    const locked = new Set<string>();
    for (const message of this.leased.values()) locked.add(message.groupId);
    return locked;
  }

  /** Each group's messages in order, groups ordered by their oldest message. */
  groupsOldestFirst(): StoredMessage[][] {
    return [...this.groups.values()].sort((a, b) => a[0]!.seq - b[0]!.seq);
  }

  oldestSentAt(): number | undefined {
    let oldest: number | undefined;
    for (const message of this.byId.values()) oldest = Math.min(oldest ?? message.sentAt, message.sentAt);
    return oldest;
  }
}
