#!/usr/bin/env node
// Cluster mode: the environment contract the revision reconciler writes,
// Knative's fixed admin and metrics ports, and a drain on SIGTERM.
import { AUTOSCALING_QUEUE_METRICS_PORT, parseQueueProxyEnv, QUEUE_ADMIN_PORT, USER_QUEUE_METRICS_PORT } from '@knot/api';
import { createLogger, createShutdown, logLevelFromConfigLogging, systemClock, type LogLevel } from '@knot/runtime';
import { start } from './index.js';

const COMPONENT = 'queue-proxy';
/** Knative's drain sleep, plus room for requests to finish within the pod's grace period. */
const DRAIN_QUIET_MS = 30_000;

async function main(): Promise<void> {
  const config = parseQueueProxyEnv(process.env);
  const logger = createLogger({ component: COMPONENT, level: logLevel(config.servingLoggingLevel, config.servingLoggingConfig), pod: config.servingPod });
  const shutdown = createShutdown({ logger, timeoutMs: DRAIN_QUIET_MS + config.revisionTimeoutSeconds * 1000 + 10_000 });
  const running = await start({
    config,
    ports: { serving: config.queueServingPort, admin: QUEUE_ADMIN_PORT, stats: AUTOSCALING_QUEUE_METRICS_PORT, metrics: USER_QUEUE_METRICS_PORT },
    clock: systemClock,
    logger,
    signal: shutdown.signal,
    drainQuietMs: DRAIN_QUIET_MS,
    processMetrics: true,
  });
  shutdown.onShutdown(() => running.done, COMPONENT);
  await shutdown.done;
}

/** loglevel.queueproxy, else the level in config-logging's zap config; info when neither says or one is unreadable. */
function logLevel(level: string, zapConfig: string): LogLevel {
  const data: Record<string, string> = {};
  if (level !== '') data['loglevel.queueproxy'] = level;
  if (zapConfig !== '') data['zap-logger-config'] = zapConfig;
  try {
    return logLevelFromConfigLogging(data, 'queueproxy');
  } catch {
    return 'info';
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-queue-proxy: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
