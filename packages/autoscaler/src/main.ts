#!/usr/bin/env node
// Cluster mode: settings from the environment and config-logging, a client for the
// cluster's API server, and a graceful stop on SIGTERM. Every replica keeps its
// caches, collector and servers; only the Lease holder runs the reconcilers.
import { createLogger, createShutdown, readLogLevel, runLeaderElected, systemClock } from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseAutoscalerClusterEnv } from './cluster-env.js';
import { start } from './start.js';

const COMPONENT = 'autoscaler';
/** The Lease the replicas compete for. */
const LEASE_NAME = 'knot-autoscaler';

async function main(): Promise<void> {
  const env = parseAutoscalerClusterEnv(process.env);
  const client = KubeClient.fromKubeconfig({ kubeconfig: env.kubeconfig });
  const logger = createLogger({ component: COMPONENT, level: await readLogLevel(client, env.systemNamespace, COMPONENT, 'info'), pod: env.identity });
  const shutdown = createShutdown({ logger });
  const running = await start({
    client,
    clock: systemClock,
    logger,
    signal: shutdown.signal,
    ports: { metrics: env.metricsPort, stats: env.statsPort },
    systemNamespace: env.systemNamespace,
    workers: env.workers,
    leaderElected: env.leaderElection,
  });
  if (env.leaderElection) {
    const elected = runLeaderElected({ client, namespace: env.systemNamespace, name: LEASE_NAME, identity: env.identity, logger, clock: systemClock, signal: shutdown.signal, run: (signal) => running.runReconcilers(signal) });
    // A term that fails leaves this replica without reconcilers; a fresh process competes again.
    const failed = elected.catch((err: unknown) => {
      logger.error({ err }, 'leader election ended with an error; exiting');
      process.exitCode = 1;
      void shutdown.shutdown('leader election failed');
    });
    shutdown.onShutdown(() => failed, 'leader election');
  }
  shutdown.onShutdown(() => running.done, 'autoscaler');
  await shutdown.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-autoscaler: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
