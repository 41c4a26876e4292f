import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { core, dns1123LabelProblem } from '@knot/api';
import { ApiError, applyCommits, type Clock, type CommitEvent, isApiError, type Logger, MemoryStore, noopLogger, systemClock } from '@knot/runtime';
import { readJournal } from './journal-reader.js';
import { JournalWriter } from './journal-writer.js';
import { acquireLock, type HeldLock } from './lock-file.js';
import { errnoCode, ioError, PersistentStoreError } from './persistent-store-error.js';
import { readSnapshot, writeSnapshot } from './snapshot-file.js';

/** Where the store keeps its files inside the data directory, and their names. */
export const STORE_DIR = 'store';
export const SNAPSHOT_FILE = 'snapshot.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const LOCK_FILE = 'lock';

export interface PersistentStoreOptions {
  /** The data directory; the store's files live in its `store/` folder. */
  readonly dataDir: string;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Compact once the journal has grown by this many bytes since the last snapshot. Default 16 MiB. */
  readonly compactBytes?: number;
  /** Namespaces created on open when they are missing. Default `['default']`. */
  readonly initialNamespaces?: readonly string[];
  /** How many past events a watch can resume from (see MemoryStore). */
  readonly historySize?: number;
}

export interface PersistentStore {
  /** Every write through it is journaled; `load` is not a write, so call `compact()` after one to keep what it loaded. */
  readonly store: MemoryStore;
  /** The folder holding the snapshot, the journal and the lock. */
  readonly dir: string;
  /** Resolves once every write made so far is on disk. */
  flush(): Promise<void>;
  /** Writes a snapshot of everything and empties the journal. */
  compact(): Promise<void>;
  /** Refuses writes from now on, writes a last snapshot, empties the journal and releases the lock. */
  close(): Promise<void>;
}

const DEFAULT_COMPACT_BYTES = 16 * 1024 * 1024;

/**
 * The runtime's MemoryStore kept in `<dataDir>/store/`: a snapshot plus a
 * journal of every write since. Opening loads the snapshot, replays the
 * journal and compacts; the lock keeps a second process out.
 */
export async function openPersistentStore(opts: PersistentStoreOptions): Promise<PersistentStore> {
  if (typeof opts.dataDir !== 'string' || opts.dataDir === '') throw new RangeError('openPersistentStore: dataDir must be a non-empty path');
  const compactBytes = opts.compactBytes ?? DEFAULT_COMPACT_BYTES;
  if (!Number.isInteger(compactBytes) || compactBytes < 1) throw new RangeError(`openPersistentStore: compactBytes must be a positive integer, got ${compactBytes}`);
  for (const name of opts.initialNamespaces ?? []) {
    const problem = dns1123LabelProblem(name);
    if (problem) throw new RangeError(`openPersistentStore: initialNamespaces: "${name}" ${problem}`);
  }
  const logger = opts.logger ?? noopLogger;
  const dir = join(opts.dataDir, STORE_DIR);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw ioError(dir, 'creating the store directory', err);
  }
  const lock = await acquireLock(join(dir, LOCK_FILE), logger);
  try {
    return await openLocked(dir, lock, { ...opts, logger, compactBytes });
  } catch (err) {
    await lock.release().catch(() => undefined);
    throw err;
  }
}

type Settings = PersistentStoreOptions & { readonly logger: Logger; readonly compactBytes: number };

async function openLocked(dir: string, lock: HeldLock, opts: Settings): Promise<PersistentStore> {
  const snapshotPath = join(dir, SNAPSHOT_FILE);
  const journalPath = join(dir, JOURNAL_FILE);
  // Left by a crash in the middle of a compaction; the files they were to replace are still whole.
  await Promise.all([rm(`${snapshotPath}.tmp`, { force: true }), rm(`${journalPath}.tmp`, { force: true })]).catch((err: unknown) => {
    throw ioError(dir, 'removing unfinished files', err);
  });
  const snapshot = await readSnapshot(snapshotPath);
  const journalBytes = await readOrEmpty(journalPath);

  // The hook needs the open store, which needs the MemoryStore; until it is there (or when opening failed) writes fail.
  const sink: { open?: OpenStore } = {};
  const store = new MemoryStore({
    clock: opts.clock ?? systemClock,
    initialNamespaces: [],
    ...(opts.historySize !== undefined ? { historySize: opts.historySize } : {}),
    onCommit: (event) => {
      if (!sink.open) throw new ApiError('InternalError', 'the store is not open');
      sink.open.append(event);
    },
  });
  // From loading to opening the journal nothing awaits, so the writes a load sets off (resumed cascades) find the journal ready.
  if (snapshot !== undefined) loadOrFail(store, snapshot, 'CorruptSnapshot', snapshotPath, '');
  const { events, wholeBytes } = readJournal(journalPath, journalBytes, Number(store.resourceVersion), opts.logger);
  if (events.length > 0) loadOrFail(store, applyCommits(store.dump(), events), 'CorruptJournal', journalPath, 'the journal does not fit the snapshot: ');
  const open = new OpenStore(store, dir, snapshotPath, new JournalWriter(journalPath, wholeBytes, opts.logger), lock, opts);
  sink.open = open;
  try {
    const present = new Set((await store.list(core.namespaces)).items.map((ns) => ns.metadata?.name));
    for (const name of opts.initialNamespaces ?? ['default']) {
      if (!present.has(name)) await store.create(core.namespaces, { metadata: { name } });
    }
    if (journalBytes.length > 0) await open.compact();
  } catch (err) {
    delete sink.open;
    await open.abandon();
    throw err instanceof PersistentStoreError ? err : ioError(dir, 'preparing the store', err);
  }
  opts.logger.info({ dir, resourceVersion: store.resourceVersion, replayed: events.length }, 'opened the store');
  return open;
}

function loadOrFail(store: MemoryStore, dump: unknown, code: 'CorruptSnapshot' | 'CorruptJournal', path: string, why: string): void {
  try {
    store.load(dump);
  } catch (err) {
    if (!isApiError(err)) throw err;
    throw new PersistentStoreError(code, path, `${path}: ${why}${err.message}; the store was not opened. Restore the file from a copy or delete the data directory to start empty`);
  }
}

async function readOrEmpty(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return Buffer.alloc(0);
    throw ioError(path, 'reading the journal', err);
  }
}

class OpenStore implements PersistentStore {
  readonly store: MemoryStore;
  readonly dir: string;
  readonly #snapshotPath: string;
  readonly #journal: JournalWriter;
  readonly #lock: HeldLock;
  readonly #logger: Logger;
  readonly #compactBytes: number;
  #compactAt: number;
  #compacting: Promise<void> | undefined;
  #closing: Promise<void> | undefined;

  constructor(store: MemoryStore, dir: string, snapshotPath: string, journal: JournalWriter, lock: HeldLock, opts: Settings) {
    this.store = store;
    this.dir = dir;
    this.#snapshotPath = snapshotPath;
    this.#journal = journal;
    this.#lock = lock;
    this.#logger = opts.logger;
    this.#compactBytes = opts.compactBytes;
    this.#compactAt = journal.size + opts.compactBytes;
  }

  append(event: CommitEvent): void {
    if (this.#closing) throw new ApiError('InternalError', 'the store is closed; the write was not made');
    this.#journal.append(event);
    if (this.#journal.size >= this.#compactAt && !this.#compacting) {
      // After the write that crossed the line has become visible, so the snapshot holds it.
      setImmediate(() => {
        this.compact().catch((err: unknown) => this.#logger.error({ err: (err as Error).message }, 'compacting the store failed; the journal keeps every write'));
      });
    }
  }

  flush(): Promise<void> {
    return this.#journal.flush();
  }

  compact(): Promise<void> {
    this.#compacting ??= this.#compactOnce().finally(() => (this.#compacting = undefined));
    return this.#compacting;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  /** Lets go of the files without a last snapshot, when opening fails half way. */
  async abandon(): Promise<void> {
    this.#closing ??= Promise.resolve();
    await this.#compacting?.catch(() => undefined);
    await this.#journal.close().catch(() => undefined);
  }

  async #compactOnce(): Promise<void> {
    // The dump and the journal's length are taken together, between writes: the snapshot holds exactly the lines before `from`.
    const dump = this.store.dump();
    const from = this.#journal.size;
    this.#compactAt = Infinity;
    try {
      await writeSnapshot(this.#snapshotPath, dump);
      this.#journal.keepFrom(from);
    } finally {
      this.#compactAt = this.#journal.size + this.#compactBytes;
    }
  }

  async #close(): Promise<void> {
    await this.#compacting?.catch(() => undefined);
    let failure: unknown;
    try {
      await this.compact();
    } catch (err) {
      failure = err;
      this.#logger.error({ err: (err as Error).message }, 'the last compaction failed; the journal keeps every write');
    }
    await this.#journal.close().catch((err: unknown) => (failure ??= err));
    await this.#lock.release().catch((err: unknown) => (failure ??= err));
    if (failure !== undefined) throw failure instanceof Error ? failure : new Error('closing the store failed', { cause: failure });
  }
}
