import { spawn } from 'node:child_process';
import { access, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { core } from '@knot/api';
import { openPersistentStore } from './persistent-store.js';
import { PersistentStoreError } from './persistent-store-error.js';
import { recordingLogger, spawnStoreChild, tempDataDir } from './testing/store-fixtures.js';

let dataDir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
});

afterEach(() => cleanup());

const lockPath = (): string => join(dataDir, 'store', 'lock');

async function openError(): Promise<PersistentStoreError> {
  const err = await openPersistentStore({ dataDir }).then(
    (s) => s.close().then(() => undefined),
    (e: unknown) => e,
  );
  if (err instanceof PersistentStoreError) return err;
  throw new Error(`expected a PersistentStoreError, got ${String(err)}`);
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

describe('the store lock', () => {
  test('a second open in the same process is refused until the first closes', async () => {
    const first = await openPersistentStore({ dataDir });
    const err = await openError();
    expect(err).toMatchObject({ code: 'StoreLocked', path: lockPath() });
    expect(err.message).toBe(`${lockPath()}: the store is already open in this process`);
    await first.close();
    await expect(access(lockPath())).rejects.toMatchObject({ code: 'ENOENT' });
    const second = await openPersistentStore({ dataDir });
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid });
    await second.close();
  });

  test('another live process holding the store is named; once it is killed its lock is taken over', async () => {
    const child = spawnStoreChild(['write', dataDir, '3']);
    try {
      await child.waitFor((l) => l === 'done');
      const err = await openError();
      expect(err.code).toBe('StoreLocked');
      expect(err.message).toContain(`the store is in use by process ${child.child.pid}`);
      await child.kill();
      const { logger, lines } = recordingLogger();
      const s = await openPersistentStore({ dataDir, logger });
      expect(lines.map((l) => l.msg)).toContain('taking over the lock of a process that is gone');
      expect((await s.store.list(core.configMaps)).items.map((c) => c.metadata?.name)).toEqual(['cm-0', 'cm-1', 'cm-2']);
      await s.close();
    } finally {
      await child.kill();
    }
  });

  test.each([
    { name: 'a dead pid', body: async () => `${JSON.stringify({ pid: await deadPid(), started: 1 })}\n` },
    { name: 'this pid from an earlier process', body: () => Promise.resolve(`${JSON.stringify({ pid: process.pid, started: 1 })}\n`) },
    { name: 'an empty file', body: () => Promise.resolve('') },
    { name: 'garbage', body: () => Promise.resolve('{"pid": "x"') },
  ])('a stale lock holding $name is taken over', async ({ body }) => {
    await mkdir(join(dataDir, 'store'), { recursive: true });
    await writeFile(lockPath(), await body());
    const s = await openPersistentStore({ dataDir });
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toEqual({ pid: process.pid, started: Math.round(performance.timeOrigin) });
    await s.close();
  });
});
