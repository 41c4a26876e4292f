import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { core } from '@knot/api';
import fc from 'fast-check';
import { readJournal } from './journal-reader.js';
import { openPersistentStore } from './persistent-store.js';
import { PersistentStoreError } from './persistent-store-error.js';
import { recordingLogger, tempDataDir } from './testing/store-fixtures.js';

let dataDir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: dataDir, cleanup } = await tempDataDir());
});

afterEach(() => cleanup());

const journalPath = (): string => join(dataDir, 'store', 'journal.jsonl');

/** A journal of real writes: the default namespace, then ConfigMaps a, b and c; returns its bytes. */
async function recordJournal(): Promise<Buffer> {
  const source = await tempDataDir();
  try {
    const s = await openPersistentStore({ dataDir: source.dir });
    for (const name of ['a', 'b', 'c']) await s.store.create(core.configMaps, { metadata: { name, namespace: 'default' }, data: { name: `${name}-é-✓` } });
    await s.flush();
    const bytes = await readFile(join(source.dir, 'store', 'journal.jsonl'));
    await s.close();
    return bytes;
  } finally {
    await source.cleanup();
  }
}

async function openWithJournal(bytes: Buffer | string): Promise<{ names: string[]; warnings: string[] }> {
  await rm(join(dataDir, 'store'), { recursive: true, force: true });
  await mkdir(join(dataDir, 'store'), { recursive: true });
  await writeFile(journalPath(), bytes);
  const { logger, lines } = recordingLogger();
  const s = await openPersistentStore({ dataDir, logger });
  try {
    return { names: (await s.store.list(core.configMaps)).items.map((c) => c.metadata?.name ?? ''), warnings: lines.filter((l) => l.level === 'warn').map((l) => l.msg) };
  } finally {
    await s.close();
  }
}

describe('replaying the journal', () => {
  test('a last line cut at any byte is dropped with a warning; every earlier write is kept', async () => {
    const journal = await recordJournal();
    const lastStart = journal.lastIndexOf(0x0a, journal.length - 2) + 1;
    const torn = ["dropping the journal's torn last line: the process stopped while writing it"];
    for (let cut = lastStart; cut < journal.length; cut++) {
      const { logger, lines } = recordingLogger();
      const got = readJournal('journal.jsonl', journal.subarray(0, cut), 0, logger);
      expect({ cut, versions: got.events.map((e) => e.resourceVersion), wholeBytes: got.wholeBytes }).toEqual({ cut, versions: ['1', '2', '3'], wholeBytes: lastStart });
      expect(lines.map((l) => l.msg)).toEqual(cut === lastStart ? [] : torn);
    }
    // The same through a real open, at a few of those cuts: a multi-byte character split in two among them.
    const split = journal.indexOf(Buffer.from('✓'), lastStart) + 1;
    for (const cut of [lastStart + 1, split, journal.length - 1]) {
      expect(await openWithJournal(journal.subarray(0, cut))).toEqual({ names: ['a', 'b'], warnings: torn });
    }
    expect(await openWithJournal(journal)).toEqual({ names: ['a', 'b', 'c'], warnings: [] });
  });

  test('opening never fails with anything but a PersistentStoreError, whatever the journal holds', async () => {
    const journal = (await recordJournal()).toString('utf8');
    const lines = journal.trimEnd().split('\n');
    const line = fc.oneof(
      fc.constantFrom(...lines),
      fc.string({ maxLength: 80, unit: 'binary' }),
      fc.json({ maxDepth: 3 }),
      // A real line with one character changed, dropped or doubled.
      fc.tuple(fc.constantFrom(...lines), fc.nat(), fc.constantFrom('', '"', '}', '{', '\u0000', ':', '9')).map(([l, at, c]) => l.slice(0, at % l.length) + c + l.slice((at % l.length) + 1)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 8 }), fc.boolean(), async (picked, newlineAtEnd) => {
        const text = picked.join('\n') + (newlineAtEnd ? '\n' : '');
        try {
          await openWithJournal(text);
        } catch (err) {
          if (!(err instanceof PersistentStoreError)) throw err;
          expect(['CorruptJournal']).toContain(err.code);
        }
      }),
      { numRuns: 150 },
    );
  });
});
