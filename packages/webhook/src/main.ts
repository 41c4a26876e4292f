#!/usr/bin/env node
// Cluster mode: configuration from the environment and config-logging, a client for the
// pod's API server, and a graceful stop on SIGTERM.
import { CONFIG_LOGGING, core } from '@knot/api';
import { createLogger, createShutdown, isNotFound, logLevelFromConfigLogging, systemClock, type Client, type LogLevel } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseWebhookEnv } from './config/webhook-env.js';
import { start } from './index.js';

const COMPONENT = 'webhook';

async function main(): Promise<void> {
  const env = parseWebhookEnv(process.env);
  const client = KubeClient.fromKubeconfig();
  const logger = createLogger({ component: COMPONENT, level: await logLevel(client, env.systemNamespace), pod: env.podName });
  const shutdown = createShutdown({ logger });
  const running = await start({ ...env, client, clock: systemClock, logger, signal: shutdown.signal });
  shutdown.onShutdown(() => running.done, 'webhook');
  await shutdown.done;
}

async function logLevel(client: Client, namespace: string): Promise<LogLevel> {
  try {
    const map = await client.get(core.configMaps, namespace, CONFIG_LOGGING);
    return logLevelFromConfigLogging(map.data, COMPONENT);
  } catch (err) {
    if (isNotFound(err)) return 'info';
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-webhook: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
