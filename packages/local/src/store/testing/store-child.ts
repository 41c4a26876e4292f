// The program a child process runs in the store's kill and lock tests (see spawnStoreChild): it opens the
// store with the real module and reports each finished step on stdout.
import { once } from 'node:events';
import { core } from '@knot/api';
import { openPersistentStore } from '../persistent-store.js';

/**
 * `hold <dataDir>`: open and wait. `write <dataDir> <count> [compactBytes]`:
 * create ConfigMaps cm-0, cm-1, … one by one, printing `acked i` after each.
 */
export async function runStoreChild([mode, dataDir, count, compactBytes]: string[]): Promise<void> {
  const { store } = await openPersistentStore({ dataDir: dataDir ?? '', ...(compactBytes ? { compactBytes: Number(compactBytes) } : {}) });
  process.stdout.write(`ready ${process.pid}\n`);
  if (mode === 'write') {
    for (let i = 0; i < Number(count); i++) {
      await store.create(core.configMaps, { metadata: { name: `cm-${i}`, namespace: 'default' }, data: { i: String(i) } });
      // Waiting for a full pipe to drain keeps this loop from running far ahead of the reader and its kill.
      if (!process.stdout.write(`acked ${i}\n`)) await once(process.stdout, 'drain');
      // Let timers and I/O (compactions, fsyncs) run between writes, as they do between requests.
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.stdout.write('done\n');
  }
  // Stay until killed: the tests end this process with SIGKILL.
  setInterval(() => undefined, 60_000);
}
