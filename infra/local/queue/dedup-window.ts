/** SQS FIFO deduplication: an id accepted once is remembered for a fixed window from that send. */

export interface DedupEntry {
  messageId: string;
  seq: number;
  acceptedAt: number;
  /** A duplicate is acknowledged only once the original is durable. */
  durable: Promise<void>;
}

export class DedupWindow {
  /** Insertion order is acceptance order, so expiry trims from the front. */
  private readonly entries = new Map<string, DedupEntry>();

  constructor(private readonly windowMs: number) {}

  /** The one place the boundary is decided: at exactly `windowMs` the id is free again. */
  private holds(entry: DedupEntry, now: number): boolean {
    return now - entry.acceptedAt < this.windowMs;
  }

  lookup(deduplicationId: string, now: number): DedupEntry | undefined {
    for (const [id, entry] of this.entries) {
      if (this.holds(entry, now)) break;
      this.entries.delete(id);
    }
    const entry = this.entries.get(deduplicationId);
    return entry && this.holds(entry, now) ? entry : undefined;
  }

  remember(deduplicationId: string, entry: DedupEntry): void {
    // Delete first so a re-accepted id moves to the back and the order stays by acceptance.
    this.entries.delete(deduplicationId);
    this.entries.set(deduplicationId, entry);
  }

  /** Undoes `remember` for a send that failed, unless a later send has replaced the entry. */
  forget(deduplicationId: string, entry: DedupEntry): void {
    if (this.entries.get(deduplicationId) === entry) this.entries.delete(deduplicationId);
  }

  live(now: number): [string, DedupEntry][] {
    return [...this.entries].filter(([, entry]) => this.holds(entry, now));
  }
}
