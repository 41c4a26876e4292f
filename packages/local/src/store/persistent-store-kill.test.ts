import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { core } from '@knot/api';
import { eventually } from '../pods/test-fixtures.js';
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
    if (compactBytes) {
      // Kill only once the child has compacted, so the kill may come in the middle of a later compaction.
      await eventually(() => access(join(dir, 'store', 'snapshot.json')), 15_000);
      const seen = child.lines.length;
      await child.waitFor((l) => l === `acked ${seen + KILL_AFTER}`);
    }
    await child.kill();
    const acked = child.lines.filter((l) => l.startsWith('acked ')).length;

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
