#!/usr/bin/env node
// Cluster mode: settings from the environment and config-logging, a client for the
// cluster's API server, and a graceful drain on SIGTERM.
import { createLogger, createShutdown, readLogLevel, systemClock } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseGatewayEnv } from './gateway-env.js';
import { start } from './index.js';

const COMPONENT = 'gateway';

async function main(): Promise<void> {
  const env = parseGatewayEnv(process.env);
  const client = KubeClient.fromKubeconfig();
  const logger = createLogger({ component: COMPONENT, level: await readLogLevel(client, env.systemNamespace, COMPONENT, 'info'), pod: env.podName });
  const shutdown = createShutdown({ logger });
  const running = await start({ ...env, client, clock: systemClock, logger, signal: shutdown.signal });
  shutdown.onShutdown(() => running.done, 'gateway');
  await shutdown.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-gateway: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
