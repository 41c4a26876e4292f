// knot's queue-proxy as the bench runs it: in front of the app at `userPort`,
// with the environment the revision reconciler would give it.
import { parseQueueProxyEnv } from '@knot/api';
import { start } from '@knot/queue-proxy';
import { noopLogger, systemClock } from '@knot/runtime';
import { queueProxyEnv } from './revision-objects.js';
import type { Started } from './runners/runner.js';

/** Knative's serving ports, for the contract only: start() takes its ports from `ports`. */
const CONTRACT_PORTS = { servingPort: 8012, tlsPort: 8112 };

/** Announces the serving port as `http`, like the other runners. */
export async function startKnotQueueProxy(userPort: number, signal: AbortSignal): Promise<Started> {
  const running = await start({
    config: parseQueueProxyEnv(queueProxyEnv({ ...CONTRACT_PORTS, userPort })),
    ports: { serving: 0, admin: 0, stats: 0, metrics: 0 },
    host: '127.0.0.1',
    clock: systemClock,
    logger: noopLogger,
    signal,
    // The bench stops it once the load is over: no quiet period to wait out.
    drainQuietMs: 0,
  });
  return { ports: { http: running.ports.serving }, done: running.done };
}
