import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { core, serving } from '@knot/api';
import type { MemoryStore } from '@knot/runtime';
import { openPersistentStore, type PersistentStore, type PersistentStoreOptions } from './persistent-store.js';
import { PersistentStoreError } from './persistent-store-error.js';
import { eventually } from '../pods/test-fixtures.js';
import { tempDataDir } from './testing/store-fixtures.js';

let dataDir: string;
let cleanup: () => Promise<void>;
const open: PersistentStore[] = [];

beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close().catch(() => undefined)));
  await cleanup();
});

async function openStore(opts: Partial<PersistentStoreOptions> = {}): Promise<PersistentStore> {
  const s = await openPersistentStore({ dataDir, ...opts });
  open.push(s);
  return s;
}

const storeFile = (name: string): string => join(dataDir, 'store', name);

/** Everything a user would see: each object of the kinds the tests write, by kind. */
async function everything(store: MemoryStore): Promise<Record<string, unknown[]>> {
  return {
    namespaces: (await store.list(core.namespaces)).items,
    services: (await store.list(serving.services)).items,
    configMaps: (await store.list(core.configMaps)).items,
  };
}

/** A namespace, a Knative Service with status, ConfigMaps (one updated, one deleted) and one held by a finalizer while being deleted. */
async function writeSome(store: MemoryStore): Promise<void> {
  await store.create(core.namespaces, { metadata: { name: 'apps' } });
  const ksvc = await store.create(serving.services, { metadata: { name: 'hello', namespace: 'apps' }, spec: { template: { spec: { containers: [{ name: 'user-container', image: 'example.dev/hello' }] } } } });
  await store.updateStatus(serving.services, { ...ksvc, status: { observedGeneration: 1, url: 'http://hello.apps.example.com' } });
  const cm = await store.create(core.configMaps, { metadata: { name: 'settings', namespace: 'apps' }, data: { a: '1' } });
  await store.update(core.configMaps, { ...cm, data: { a: '2' } });
  await store.create(core.configMaps, { metadata: { name: 'gone', namespace: 'apps' } });
  await store.delete(core.configMaps, 'apps', 'gone');
  await store.create(core.configMaps, { metadata: { name: 'held', namespace: 'default', finalizers: ['example.dev/cleanup'] } });
  await store.delete(core.configMaps, 'default', 'held');
  await store.settled();
}

async function openError(opts: Partial<PersistentStoreOptions> = {}): Promise<PersistentStoreError> {
  try {
    await openStore(opts);
  } catch (err) {
    if (err instanceof PersistentStoreError) return err;
    throw err;
  }
  throw new Error('expected opening the store to fail');
}

describe('openPersistentStore', () => {
  test('a restart keeps every object and the resourceVersion, and versions keep increasing', async () => {
    const first = await openStore();
    await writeSome(first.store);
    const before = await everything(first.store);
    const version = first.store.resourceVersion;
    await first.close();

    const second = await openStore();
    expect(await everything(second.store)).toEqual(before);
    expect(second.store.resourceVersion).toBe(version);
    const held = await second.store.get(core.configMaps, 'default', 'held');
    expect(held.metadata).toMatchObject({ finalizers: ['example.dev/cleanup'], deletionTimestamp: expect.any(String) as unknown });
    // Watches resuming from before the restart relist; new writes continue the sequence.
    await expect(second.store.watch(core.configMaps, undefined, { resourceVersion: '1' }, () => undefined)).rejects.toMatchObject({ code: 'Gone' });
    const next = await second.store.create(core.configMaps, { metadata: { name: 'after', namespace: 'apps' } });
    expect(Number(next.metadata?.resourceVersion)).toBe(Number(version) + 1);
    // The finalizer's owner can still finish the deletion after the restart.
    await second.store.update(core.configMaps, { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect((await second.store.list(core.configMaps, 'default')).items).toEqual([]);
  });

  test('the files as a crash leaves them (no close) hold every write made', async () => {
    const first = await openStore();
    await writeSome(first.store);
    await first.flush();
    const copy = await tempDataDir();
    try {
      await copyInto(copy.dir, ['journal.jsonl']);
      const reopened = await openPersistentStore({ dataDir: copy.dir });
      expect(await everything(reopened.store)).toEqual(await everything(first.store));
      expect(reopened.store.resourceVersion).toBe(first.store.resourceVersion);
      await reopened.close();
    } finally {
      await copy.cleanup();
    }
  });

  test('a fresh directory gets the default namespace, and the initial namespaces come back when deleted', async () => {
    const first = await openStore({ initialNamespaces: ['default', 'knot-system'] });
    expect((await first.store.list(core.namespaces)).items.map((n) => n.metadata?.name)).toEqual(['default', 'knot-system']);
    await first.store.delete(core.namespaces, undefined, 'knot-system');
    await first.store.settled();
    await first.close();
    const second = await openStore({ initialNamespaces: ['default', 'knot-system'] });
    expect((await second.store.list(core.namespaces)).items.map((n) => n.metadata?.name)).toEqual(['default', 'knot-system']);
  });

  test('compact() moves the journal into the snapshot, and so does close', async () => {
    const s = await openStore({ compactBytes: 4096 });
    for (let i = 0; i < 60; i++) await s.store.create(core.configMaps, { metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } });
    await s.compact();
    const snapshot = JSON.parse(await readFile(storeFile('snapshot.json'), 'utf8')) as { resourceVersion: string };
    expect(Number(snapshot.resourceVersion)).toBeGreaterThan(50);
    expect((await stat(storeFile('journal.jsonl'))).size).toBeLessThan(4096);
    await s.store.create(core.configMaps, { metadata: { name: 'last', namespace: 'default' } });
    const version = s.store.resourceVersion;
    await s.close();
    expect((await stat(storeFile('journal.jsonl'))).size).toBe(0);
    expect((JSON.parse(await readFile(storeFile('snapshot.json'), 'utf8')) as { resourceVersion: string }).resourceVersion).toBe(version);
    const again = await openStore();
    expect((await again.store.list(core.configMaps)).items).toHaveLength(61);
  });

  test('writing past the threshold starts a compaction without being asked', async () => {
    const s = await openStore({ compactBytes: 2048 });
    for (let i = 0; i < 20; i++) await s.store.create(core.configMaps, { metadata: { name: `cm-${i}`, namespace: 'default' }, data: { big: 'x'.repeat(200) } });
    const snapshot = await eventually(async () => JSON.parse(await readFile(storeFile('snapshot.json'), 'utf8')) as { resourceVersion: string });
    expect(Number(snapshot.resourceVersion)).toBeGreaterThan(3);
    await eventually(async () => expect((await stat(storeFile('journal.jsonl'))).size).toBeLessThan(2048));
  });

  test('a crash between writing the snapshot and emptying the journal replays only what the snapshot lacks', async () => {
    const s = await openStore();
    await writeSome(s.store);
    await s.flush();
    const oldJournal = await readFile(storeFile('journal.jsonl'));
    await s.compact();
    await s.store.create(core.configMaps, { metadata: { name: 'later', namespace: 'apps' } });
    await s.flush();
    const newJournal = await readFile(storeFile('journal.jsonl'));
    const copy = await tempDataDir();
    try {
      await copyInto(copy.dir, ['snapshot.json']);
      await writeFile(join(copy.dir, 'store', 'journal.jsonl'), Buffer.concat([oldJournal, newJournal]));
      await writeFile(join(copy.dir, 'store', 'snapshot.json.tmp'), '{"half": ');
      const reopened = await openPersistentStore({ dataDir: copy.dir });
      expect(await everything(reopened.store)).toEqual(await everything(s.store));
      await reopened.close();
    } finally {
      await copy.cleanup();
    }
  });

  test('after close, writes fail and reads still answer', async () => {
    const s = await openStore();
    await s.store.create(core.configMaps, { metadata: { name: 'kept', namespace: 'default' } });
    await s.close();
    await expect(s.store.create(core.configMaps, { metadata: { name: 'late', namespace: 'default' } })).rejects.toMatchObject({ code: 'InternalError' });
    expect((await s.store.get(core.configMaps, 'default', 'kept')).metadata?.name).toBe('kept');
    await expect(s.close()).resolves.toBeUndefined();
    const again = await openStore();
    expect((await again.store.list(core.configMaps)).items.map((c) => c.metadata?.name)).toEqual(['kept']);
  });

  test.each([
    { name: 'not JSON', text: '{"resourceVersion": "3", "kinds": [', message: 'the snapshot is not JSON' },
    { name: 'not a dump', text: '{"resourceVersion": "3"}', message: 'invalid store dump: kinds: must be a list' },
    { name: 'an object without a uid', text: JSON.stringify({ resourceVersion: '3', kinds: [{ resource: { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, hasStatus: false }, items: [{ metadata: { name: 'c', namespace: 'default', resourceVersion: '1' } }] }] }), message: 'kinds[0].items[0].metadata.uid' },
  ])('a snapshot that is $name is CorruptSnapshot naming the file, and nothing is changed', async ({ text, message }) => {
    await openStore().then((s) => s.close());
    await writeFile(storeFile('snapshot.json'), text);
    const err = await openError();
    expect(err.code).toBe('CorruptSnapshot');
    expect(err.path).toBe(storeFile('snapshot.json'));
    expect(err.message).toContain(`${storeFile('snapshot.json')}: `);
    expect(err.message).toContain(message);
    expect(await readFile(storeFile('snapshot.json'), 'utf8')).toBe(text);
    // The lock was let go: once the file is put right, the store opens.
    await writeFile(storeFile('snapshot.json'), '{"resourceVersion": "0", "kinds": []}');
    await expect(openStore()).resolves.toBeDefined();
  });

  test.each([
    { name: 'a line that is not JSON', edit: (lines: string[]) => [lines[0], '{"resourceVersion": "2", "type"', ...lines.slice(1)], line: 2, message: 'not JSON' },
    { name: 'a line that is not a commit event', edit: (lines: string[]) => [lines[0], lines[1]!.replace('"uid"', '"uuid"'), ...lines.slice(2)], line: 2, message: 'invalid commit event: object.metadata.uid' },
    { name: 'a missing line', edit: (lines: string[]) => [lines[0], ...lines.slice(2)], line: 2, message: 'resourceVersion 3 does not follow 1' },
    { name: 'a journal starting past the snapshot', edit: (lines: string[]) => lines.slice(1), line: 1, message: 'resourceVersion 2 leaves a gap after the snapshot\'s 0' },
  ])('$name is CorruptJournal naming the file and line, and nothing is changed', async ({ edit, line, message }) => {
    const s = await openStore();
    for (const name of ['a', 'b', 'c']) await s.store.create(core.configMaps, { metadata: { name, namespace: 'default' } });
    await s.flush();
    const copy = await tempDataDir();
    try {
      const lines = (await readFile(storeFile('journal.jsonl'), 'utf8')).trimEnd().split('\n');
      const text = `${edit(lines).join('\n')}\n`;
      const journal = join(copy.dir, 'store', 'journal.jsonl');
      await copyInto(copy.dir, []);
      await writeFile(journal, text);
      const err = await openPersistentStore({ dataDir: copy.dir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PersistentStoreError);
      expect(err).toMatchObject({ code: 'CorruptJournal', path: journal });
      expect((err as Error).message).toContain(`${journal}:${line}: ${message}`);
      expect(await readFile(journal, 'utf8')).toBe(text);
    } finally {
      await copy.cleanup();
    }
  });

  test.each([
    { name: 'an empty dataDir', opts: { dataDir: '' }, message: 'dataDir' },
    { name: 'a zero compactBytes', opts: { compactBytes: 0 }, message: 'compactBytes' },
    { name: 'a bad initial namespace', opts: { initialNamespaces: ['Not_OK'] }, message: 'initialNamespaces' },
  ])('refuses $name, naming the option', async ({ opts, message }) => {
    await expect(openPersistentStore({ dataDir, ...opts })).rejects.toThrow(message);
  });
});

/** Copies the store's files named (beside the folder itself) into another data directory, as a crash would leave them. */
async function copyInto(otherDataDir: string, files: string[]): Promise<void> {
  await mkdir(join(otherDataDir, 'store'), { recursive: true });
  for (const f of files) await copyFile(storeFile(f), join(otherDataDir, 'store', f));
}
