// What the activator and gateway runners share: an in-memory store holding the
// objects that point at the queue-proxy under test.
import { MemoryStore, type Client } from '@knot/runtime';
import { portSetting, run, runnerSettings, type Started } from './runner.js';

/**
 * A component in front of the queue-proxy at the `queueProxyPort` setting,
 * over an in-memory store holding what `write` puts there.
 */
export async function runBeforeQueueProxy(namespaces: string[], write: (client: Client, queueProxyPort: number) => Promise<void>, startComponent: (client: Client, signal: AbortSignal) => Promise<Started>): Promise<void> {
  const { queueProxyPort } = runnerSettings((raw) => ({ queueProxyPort: portSetting(raw, 'queueProxyPort') }));
  await run(async (signal) => {
    const store = new MemoryStore({ initialNamespaces: namespaces });
    await write(store, queueProxyPort);
    return startComponent(store, signal);
  });
}
