import { closeSync, fsyncSync, openSync } from 'node:fs';
import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoreDump } from '@knot/runtime';
import { errnoCode, io, ioError, ioSync, PersistentStoreError } from './persistent-store-error.js';

/** The snapshot's JSON, or undefined when there is none yet; CorruptSnapshot when it is not JSON. */
export async function readSnapshot(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw ioError(path, 'reading the snapshot', err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PersistentStoreError('CorruptSnapshot', path, `${path}: the snapshot is not JSON (${(err as Error).message}); restore it from a copy or delete the data directory to start empty`);
  }
}

/**
 * Replaces the snapshot so that a crash at any moment leaves the old one or
 * the new one whole: written aside, synced, renamed over, directory synced.
 */
export async function writeSnapshot(path: string, dump: StoreDump): Promise<void> {
  const aside = `${path}.tmp`;
  const text = JSON.stringify(dump);
  await io(aside, 'writing the snapshot', async () => {
    const file = await open(aside, 'w', 0o600);
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
  });
  await io(path, 'replacing the snapshot', () => rename(aside, path));
  syncDirectory(dirname(path));
}

/** Makes a rename or a new file in `dir` durable. */
export function syncDirectory(dir: string): void {
  ioSync(dir, 'syncing the directory', () => {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}
