// knot's activator in its own process, over an in-memory store holding one
// revision whose pod is the queue-proxy at `queueProxyPort`.
import { start } from '@knot/activator';
import { noopLogger, systemClock } from '@knot/runtime';
import { NAMESPACE, writeActivatorObjects } from '../revision-objects.js';
import { runBeforeQueueProxy } from './before-queue-proxy.js';

await runBeforeQueueProxy([NAMESPACE], writeActivatorObjects, async (client, signal) => {
  const running = await start({
    client,
    clock: systemClock,
    logger: noopLogger,
    signal,
    ports: { http: 0, http2: 0, metrics: 0 },
    host: '127.0.0.1',
    // No autoscaler in the bench: the stat connection is refused and retried in the background.
    autoscalerUrl: 'ws://127.0.0.1:9',
    podName: 'activator-bench',
  });
  await running.synced;
  return { ports: { http: running.ports.http }, done: running.done };
});
