#!/usr/bin/env node
// Cluster mode: configuration from the environment and config-logging, a client for the
// pod's API server, and a drain then stop on SIGTERM.
import { createLogger, createShutdown, readLogLevel, systemClock } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseActivatorEnv } from './config/activator-env.js';
import { start } from './index.js';

const COMPONENT = 'activator';

async function main(): Promise<void> {
  const env = parseActivatorEnv(process.env);
  const client = KubeClient.fromKubeconfig();
  const logger = createLogger({ component: COMPONENT, level: await readLogLevel(client, env.systemNamespace, COMPONENT, 'info'), pod: env.podName });
  const shutdown = createShutdown({ logger, timeoutMs: env.drainMs + 15_000 });
  const running = await start({ ...env, client, clock: systemClock, logger, signal: shutdown.signal });
  shutdown.onShutdown(() => running.done, COMPONENT);
  await shutdown.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-activator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
