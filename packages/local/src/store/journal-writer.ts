import { closeSync, constants, fsync, fsyncSync, ftruncateSync, openSync, readSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError, type CommitEvent, type Logger } from '@knot/runtime';
import { ioError, ioSync, type PersistentStoreError } from './persistent-store-error.js';
import { syncDirectory } from './snapshot-file.js';

// Append-only, created if missing, readable for copying the tail on compaction.
const APPEND = constants.O_RDWR | constants.O_CREAT | constants.O_APPEND;

interface SyncWaiter {
  readonly upTo: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * The journal as it is written. Each commit's line is handed to the operating
 * system before the write becomes visible (a synchronous write), so a killed
 * process loses no write it has made; fsync follows in batches, one at a time,
 * each covering every line written before it started.
 */
export class JournalWriter {
  readonly #path: string;
  readonly #logger: Logger;
  #fd: number;
  /** Bytes of whole lines in the file. */
  #size: number;
  /** Bytes known to be on disk. */
  #synced: number;
  /** The file descriptor an fsync is running on, if one is. */
  #syncingFd: number | undefined;
  #waiters: SyncWaiter[] = [];
  /** File descriptors replaced while an fsync on them was running; each is closed when its fsync ends. */
  readonly #retired = new Set<number>();
  #failure: PersistentStoreError | undefined;
  #closed = false;

  /** Opens the journal for appending, dropping anything past `wholeBytes` (a torn last line). */
  constructor(path: string, wholeBytes: number, logger: Logger) {
    this.#path = path;
    this.#logger = logger;
    this.#fd = ioSync(path, 'opening the journal', () => openSync(path, APPEND, 0o600));
    ioSync(path, 'dropping the torn last line', () => ftruncateSync(this.#fd, wholeBytes));
    this.#size = wholeBytes;
    this.#synced = 0;
  }

  /** Bytes of whole lines written so far. */
  get size(): number {
    return this.#size;
  }

  /** Writes the commit's line; throws an InternalError (failing the write) when it cannot. */
  append(event: CommitEvent): void {
    if (this.#closed) throw new ApiError('InternalError', 'the store is closed; the write was not made');
    if (this.#failure) throw new ApiError('InternalError', `the store cannot persist writes: ${this.#failure.message}`);
    const { resourceVersion, type, resource, object } = event;
    const line = Buffer.from(`${JSON.stringify({ resourceVersion, type, resource, object })}\n`);
    try {
      for (let done = 0; done < line.length; ) done += writeSync(this.#fd, line, done);
    } catch (err) {
      this.#undoPartialLine(err);
      throw new ApiError('InternalError', `the store could not write its journal: ${(err as Error).message}`);
    }
    this.#size += line.length;
    this.#startSync();
  }

  /** Resolves once every line written so far is on disk. */
  flush(): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#synced >= this.#size) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ upTo: this.#size, resolve, reject }));
    // Lines found on open were written by an earlier process and may not be synced yet.
    this.#startSync();
    return done;
  }

  /**
   * Replaces the journal by one holding only the lines from byte `from` on
   * (those a new snapshot does not hold yet), synced before it takes the old
   * one's place, so a crash leaves one journal or the other whole.
   */
  keepFrom(from: number): void {
    const aside = `${this.#path}.tmp`;
    const tail = Buffer.alloc(this.#size - from);
    ioSync(this.#path, 'reading the journal', () => {
      for (let done = 0; done < tail.length; ) done += readSync(this.#fd, tail, done, tail.length - done, from + done);
    });
    const fd = ioSync(aside, 'writing the journal', () => openSync(aside, APPEND | constants.O_TRUNC, 0o600));
    try {
      ioSync(aside, 'writing the journal', () => {
        for (let done = 0; done < tail.length; ) done += writeSync(fd, tail, done);
        fsyncSync(fd);
        renameSync(aside, this.#path);
      });
      syncDirectory(dirname(this.#path));
    } catch (err) {
      closeSync(fd);
      throw err;
    }
    this.#retire(this.#fd);
    this.#fd = fd;
    this.#size = tail.length;
    this.#synced = tail.length;
    this.#settleWaiters();
  }

  /** Syncs what is written, then closes the file; later appends fail. */
  async close(): Promise<void> {
    if (this.#closed) return;
    try {
      await this.flush();
    } finally {
      this.#closed = true;
      this.#retire(this.#fd);
    }
  }

  // A failed write may have left part of its line; cut it off so the next line starts clean, or stop writing altogether.
  #undoPartialLine(cause: unknown): void {
    try {
      ftruncateSync(this.#fd, this.#size);
    } catch {
      this.#fail(ioError(this.#path, 'writing the journal', cause));
    }
  }

  #startSync(): void {
    if (this.#syncingFd !== undefined || this.#failure || this.#closed || this.#synced >= this.#size) return;
    const fd = this.#fd;
    const upTo = this.#size;
    this.#syncingFd = fd;
    fsync(fd, (err) => {
      this.#syncingFd = undefined;
      if (this.#retired.delete(fd)) closeQuietly(fd);
      if (err) {
        // After a failed fsync the kernel may have dropped the data: nothing written can be trusted to be on disk.
        this.#fail(ioError(this.#path, 'syncing the journal', err));
        return;
      }
      if (fd === this.#fd) this.#synced = Math.max(this.#synced, upTo);
      this.#settleWaiters();
      this.#startSync();
    });
  }

  #settleWaiters(): void {
    const waiting = this.#waiters;
    this.#waiters = waiting.filter((w) => w.upTo > this.#synced);
    for (const w of waiting) if (w.upTo <= this.#synced) w.resolve();
  }

  #fail(err: PersistentStoreError): void {
    if (this.#failure) return;
    this.#failure = err;
    this.#logger.error({ path: this.#path, err: err.message }, 'the store stopped persisting writes; writes fail from now on');
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const w of waiting) w.reject(err);
  }

  #retire(fd: number): void {
    if (fd === this.#syncingFd) this.#retired.add(fd);
    else closeQuietly(fd);
  }
}

// Closing follows the last use of a descriptor; a failure there loses nothing.
function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}
