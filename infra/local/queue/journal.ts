/**
 * An append-only journal of JSON lines, the durable half of a local queue.
 *
 * - Appends are group-committed: every record appended during one event-loop turn goes out in a
 *   single write() followed by one fdatasync(), and each append() resolves only after that sync.
 *   While a sync is running, new appends queue up for the next one.
 * - The log ends at its first line that is not a complete, parseable record. A crash can only tear
 *   the tail, and a torn record was never acknowledged (its append had not resolved), so dropping
 *   it and everything after it loses nothing that a caller was promised.
 * - Compaction replaces the file with a snapshot of the owner's state (write temp, fsync, rename,
 *   fsync the directory), so a crash mid-compaction leaves either the old or the new file. The
 *   owner compacts at startup, which also cuts off a torn tail before anything is appended after
 *   it; the writer compacts again whenever the log has grown well past its last snapshot.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

export function readJournal<R>(path: string, isRecord: (value: unknown) => value is R): R[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records: R[] = [];
  let start = 0;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
    const line = text.slice(start, end);
    start = end + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      break;
    }
    if (!isRecord(value)) break;
    records.push(value);
  }
  return records;
}

function serialize(records: readonly unknown[]): string {
  let text = '';
  for (const record of records) text += `${JSON.stringify(record)}\n`;
  return text;
}

function fsyncDirectorySync(path: string): void {
  // Windows cannot open a directory for fsync; renames there are durable enough for a laptop.
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Atomically replaces the journal with `records`; used at startup, before any appends. */
export function writeSnapshotSync(path: string, records: readonly unknown[]): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, serialize(records));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  fsyncDirectorySync(dirname(path));
}

async function writeSnapshot(path: string, records: readonly unknown[]): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(serialize(records));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  if (process.platform === 'win32') return;
  const directory = await open(dirname(path), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

interface PendingAppend {
  text: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface JournalWriterOptions<R> {
  path: string;
  /** Records that rebuild the owner's current state; called synchronously when compacting. */
  snapshot: () => R[];
  /** Compact once this many records were appended and the log is at least twice its snapshot. */
  compactAfterRecords?: number;
}

export class JournalWriter<R> {
  private readonly path: string;
  private readonly snapshot: () => R[];
  private readonly compactAfterRecords: number;
  private handle: FileHandle | undefined;
  private pending: PendingAppend[] = [];
  private draining: Promise<void> | undefined;
  private closed = false;
  private snapshotSize = 0;
  private appendedSinceSnapshot = 0;
  /** A write or sync failed, so the file may end in a partial line: rewrite it before appending. */
  private needsRewrite = false;

  constructor(options: JournalWriterOptions<R>) {
    this.path = options.path;
    this.snapshot = options.snapshot;
    this.compactAfterRecords = options.compactAfterRecords ?? 10_000;
  }

  /** Tells the writer how big the file it starts from is, so compaction is not due at once. */
  startedFromSnapshotOf(records: number): void {
    this.snapshotSize = records;
  }

  /** Resolves once the records are on disk (fdatasync), in the order appended. */
  append(records: readonly R[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    if (records.length === 0) return Promise.resolve();
    this.appendedSinceSnapshot += records.length;
    return new Promise((resolve, reject) => {
      this.pending.push({ text: serialize(records), resolve, reject });
      // setImmediate, not a microtask: every append of this event-loop turn shares one fsync.
      this.draining ??= new Promise((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await this.handle?.close();
    this.handle = undefined;
  }

  private compactionDue(): boolean {
    return (
      this.appendedSinceSnapshot >= this.compactAfterRecords &&
      this.snapshotSize + this.appendedSinceSnapshot >= 2 * this.snapshotSize
    );
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        await this.persist(batch);
        for (const append of batch) append.resolve();
      } catch (error) {
        for (const append of batch) append.reject(error);
      }
    }
    this.draining = undefined;
  }

  private async persist(batch: readonly PendingAppend[]): Promise<void> {
    if (this.needsRewrite || this.compactionDue()) {
      if (await this.compact()) return;
      // Appending after a possibly partial line would hide everything after it on the next read.
      if (this.needsRewrite)
        throw new Error(`journal ${this.path} could not be rewritten after a failed write`);
    }
    try {
      await this.write(batch);
    } catch (error) {
      this.needsRewrite = true;
      throw error;
    }
  }

  private async write(batch: readonly PendingAppend[]): Promise<void> {
    this.handle ??= await open(this.path, 'a');
    const bytes = Buffer.from(batch.map((append) => append.text).join(''), 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset);
      offset += bytesWritten;
    }
    await this.handle.datasync();
  }

  /**
   * Replaces the file with a snapshot. The snapshot is taken synchronously, before any await, so
   * it already contains the effect of every record in the batch being drained (the owner changes
   * its state and appends in the same synchronous step); those records need no separate write.
   * Returns false if compaction failed; the caller then falls back to a plain append if it can.
   */
  private async compact(): Promise<boolean> {
    let records: R[];
    try {
      records = this.snapshot();
      await writeSnapshot(this.path, records);
    } catch {
      return false;
    }
    // The old handle points at the replaced file; later appends must go to the new one.
    await this.handle?.close();
    this.handle = await open(this.path, 'a');
    this.snapshotSize = records.length;
    this.appendedSinceSnapshot = 0;
    this.needsRewrite = false;
    return true;
  }
}
