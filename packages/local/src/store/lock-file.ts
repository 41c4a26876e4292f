import { randomUUID } from 'node:crypto';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Logger } from '@knot/runtime';
import { errnoCode, io, ioError, PersistentStoreError } from './persistent-store-error.js';

/** Who holds a lock: the pid, and when that process started, which tells a live holder from a reused pid. */
interface LockHolder {
  readonly pid: number;
  readonly started: number;
}

export interface HeldLock {
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

const ATTEMPTS = 5;

/**
 * Takes `path` as a lock file holding this process's pid. The file appears
 * whole or not at all (written aside, then hard-linked into place, which fails
 * when it exists). A lock whose process is gone is taken over; a live one is
 * StoreLocked, naming the pid.
 */
export async function acquireLock(path: string, logger: Logger): Promise<HeldLock> {
  const me: LockHolder = { pid: process.pid, started: Math.round(performance.timeOrigin) };
  const body = `${JSON.stringify(me)}\n`;
  const aside = `${path}.${randomUUID()}`;
  await io(path, 'writing the lock', () => writeFile(aside, body, { mode: 0o600 }));
  try {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await link(aside, path);
        return { release: () => release(path, body) };
      } catch (err) {
        if (errnoCode(err) !== 'EEXIST') throw ioError(path, 'taking the lock', err);
      }
      const seen = await readIfThere(path);
      if (seen === undefined) continue;
      const holder = parseHolder(seen);
      if (holder && holder.pid === me.pid && holder.started === me.started) {
        throw new PersistentStoreError('StoreLocked', path, `${path}: the store is already open in this process`);
      }
      if (holder && holder.pid !== me.pid && isRunning(holder.pid)) {
        throw new PersistentStoreError('StoreLocked', path, `${path}: the store is in use by process ${holder.pid}; stop it first (if no knot process has pid ${holder.pid}, delete this lock file)`);
      }
      logger.warn({ path, holder: holder ?? seen }, 'taking over the lock of a process that is gone');
      await takeOver(path, seen);
    }
    throw new PersistentStoreError('StoreLocked', path, `${path}: the lock changed hands ${ATTEMPTS} times while taking it; try again`);
  } finally {
    await rm(aside, { force: true });
  }
}

// Moves the stale lock aside; if what moved is no longer the stale lock (someone took it meanwhile), puts it back.
async function takeOver(path: string, stale: string): Promise<void> {
  const aside = `${path}.stale.${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw ioError(path, 'moving a stale lock aside', err);
  }
  try {
    const moved = await readIfThere(aside);
    if (moved !== undefined && moved !== stale) await link(aside, path).catch(() => undefined);
  } finally {
    await rm(aside, { force: true });
  }
}

async function release(path: string, body: string): Promise<void> {
  if ((await readIfThere(path)) === body) await rm(path, { force: true });
}

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw ioError(path, 'reading the lock', err);
  }
}

// A lock that is not ours in shape (empty after a machine crash, edited by hand) counts as stale.
function parseHolder(text: string): LockHolder | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, started } = value as Record<string, unknown>;
    return Number.isInteger(pid) && (pid as number) > 0 && typeof started === 'number' ? { pid: pid as number, started } : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}
