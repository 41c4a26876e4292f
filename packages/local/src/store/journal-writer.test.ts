import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { core } from '@knot/api';
import { type CommitEvent, isApiError, MemoryStore, noopLogger, parseCommitEvent } from '@knot/runtime';
import { JournalWriter } from './journal-writer.js';
import { tempDataDir } from './testing/store-fixtures.js';

let path: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  const tmp = await tempDataDir();
  path = join(tmp.dir, 'journal.jsonl');
  cleanup = tmp.cleanup;
});

afterEach(() => cleanup());

/** Real commit events: the default namespace, then one ConfigMap per name. */
async function commits(...names: string[]): Promise<CommitEvent[]> {
  const events: CommitEvent[] = [];
  const store = new MemoryStore({ onCommit: (e) => events.push(e) });
  for (const name of names) await store.create(core.configMaps, { metadata: { name, namespace: 'default' } });
  return events;
}

const readEvents = async (): Promise<CommitEvent[]> => (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => parseCommitEvent(JSON.parse(l)));

describe('JournalWriter', () => {
  test('appends one line per commit that reads back as the same event', async () => {
    const events = await commits('a', 'b');
    const w = new JournalWriter(path, 0, noopLogger);
    for (const e of events) w.append(e);
    await w.flush();
    expect(await readEvents()).toEqual(events);
    expect(w.size).toBe((await readFile(path)).length);
    await w.close();
  });

  test('cuts a torn last line before the first append, so the next line starts clean', async () => {
    const [first, second] = await commits('a');
    const whole = `${JSON.stringify(first)}\n`;
    await writeFile(path, `${whole}{"resourceVersion":"2","ty`);
    const w = new JournalWriter(path, Buffer.byteLength(whole), noopLogger);
    w.append(second!);
    await w.close();
    expect(await readEvents()).toEqual([first, second]);
  });

  test('flush syncs lines an earlier process wrote, with no append since', async () => {
    const [event] = await commits();
    const line = `${JSON.stringify(event)}\n`;
    await writeFile(path, line);
    const w = new JournalWriter(path, Buffer.byteLength(line), noopLogger);
    await w.flush();
    await w.close();
    expect(await readEvents()).toEqual([event]);
  });

  test('keepFrom leaves only the lines after a point, and appends go on after them', async () => {
    const events = await commits('a', 'b', 'c');
    const w = new JournalWriter(path, 0, noopLogger);
    w.append(events[0]!);
    w.append(events[1]!);
    const from = w.size;
    w.append(events[2]!);
    w.keepFrom(from);
    w.append(events[3]!);
    await w.close();
    expect(await readEvents()).toEqual(events.slice(2));
  });

  test('after close, appends fail as InternalError and nothing is written', async () => {
    const [event] = await commits();
    const w = new JournalWriter(path, 0, noopLogger);
    await w.close();
    let caught: unknown;
    try {
      w.append(event!);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'InternalError')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe('');
  });
});
