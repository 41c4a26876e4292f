// knot's gateway in its own process, over an in-memory store holding an Ingress
// that sends HOST to one revision whose pod is the queue-proxy at `queueProxyPort`.
import { SERVING_NAMESPACE } from '@knot/api';
import { start } from '@knot/gateway';
import { noopLogger, systemClock } from '@knot/runtime';
import { NAMESPACE, writeGatewayObjects } from '../revision-objects.js';
import { runBeforeQueueProxy } from './before-queue-proxy.js';

await runBeforeQueueProxy([NAMESPACE, SERVING_NAMESPACE], writeGatewayObjects, async (client, signal) => {
  const running = await start({ client, clock: systemClock, logger: noopLogger, signal, ports: { external: 0, internal: 0, admin: 0 }, host: '127.0.0.1', drainTimeoutMs: 1000 });
  await running.synced;
  return { ports: { http: running.ports.external }, done: running.done };
});
