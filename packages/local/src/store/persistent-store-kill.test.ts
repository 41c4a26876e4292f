import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { core } from '@knot/api';
import { openPersistentStore } from './persistent-store.js';
import { spawnStoreChild, tempDataDir } from './testing/store-fixtures.js';

const WRITES = 100_000;
const KILL_AFTER = 300;

test.each([
  { name: 'journal only', compactBytes: undefined },
  { name: 'compacting every few writes', compactBytes: 4096 },
])('a process killed with SIGKILL while writing loses no write it made ($name)', async ({ compactBytes }) => {
  const { dir, cleanup } = await tempDataDir();
  const child = spawnStoreChild(['write', dir, String(WRITES), ...(compactBytes ? [String(compactBytes)] : [])]);
  try {
    await child.waitFor((l) => l === `acked ${KILL_AFTER}`);
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('acked ')).length;
    // With a small threshold the child was compacting as it wrote, so the kill may have come in the middle of one.
    if (compactBytes) expect(JSON.parse(await readFile(join(dir, 'store', 'snapshot.json'), 'utf8'))).toMatchObject({ resourceVersion: expect.any(String) as unknown });

    const s = await openPersistentStore({ dataDir: dir });
    const kept = (await s.store.list(core.configMaps)).items.map((c) => Number(c.data?.i)).sort((a, b) => a - b);
    await s.close();
    // Every write the child saw succeed is there, and what is there is the first writes in order with
    // none missing: the only one a kill can lose is the one being made when it came.
    expect(kept.length).toBeGreaterThanOrEqual(acked);
    expect(kept).toEqual(kept.map((_, i) => i));
    expect(kept.length).toBeLessThan(WRITES);
  } finally {
    await child.kill();
    await cleanup();
  }
});
