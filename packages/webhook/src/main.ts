#!/usr/bin/env node
// Cluster mode: configuration from the environment and config-logging, a client for the
// pod's API server, and a graceful stop on SIGTERM.
import { createLogger, createShutdown, readLogLevel, systemClock } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseWebhookEnv } from './config/webhook-env.js';
import { start } from './index.js';

const COMPONENT = 'webhook';

async function main(): Promise<void> {
  const env = parseWebhookEnv(process.env);
  const client = KubeClient.fromKubeconfig();
  const logger = createLogger({ component: COMPONENT, level: await readLogLevel(client, env.systemNamespace, COMPONENT, 'info'), pod: env.podName });
  const shutdown = createShutdown({ logger });
  const running = await start({ ...env, client, clock: systemClock, logger, signal: shutdown.signal });
  shutdown.onShutdown(() => running.done, 'webhook');
  await shutdown.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-webhook: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
