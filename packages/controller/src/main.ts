#!/usr/bin/env node
// Cluster mode: settings from the environment and config-logging, a client for the
// cluster's API server, probes and metrics, one leader among the replicas, and a
// graceful stop on SIGTERM.
import {
  closeServer,
  createLogger,
  createMetricsRegistry,
  createProbeServer,
  createShutdown,
  LeaderElector,
  listen,
  readLogLevel,
  PromWorkQueueMetrics,
  Readiness,
  ReconcileMetrics,
  systemClock,
} from '@knot/runtime';
import { KubeClient } from '@knot/runtime/kube';
import { parseClusterEnv } from './cluster/cluster-env.js';
import { start, type RunningController } from './start.js';

const COMPONENT = 'controller';
/** The Lease the replicas compete for; only its holder runs the reconcilers. */
const LEASE_NAME = 'knot-controller';
const LOST_LEADERSHIP = 'lost leadership';

async function main(): Promise<void> {
  const env = parseClusterEnv(process.env);
  const client = KubeClient.fromKubeconfig({ kubeconfig: env.kubeconfig });
  const logger = createLogger({ component: COMPONENT, level: await readLogLevel(client, env.systemNamespace, COMPONENT, 'info'), pod: env.identity });
  const shutdown = createShutdown({ logger });

  const registry = createMetricsRegistry();
  const queueMetrics = new PromWorkQueueMetrics(registry);
  const reconcileMetrics = new ReconcileMetrics(registry);
  const readiness = new Readiness();
  const probes = createProbeServer({ readiness, registry, logger });
  await listen(probes, env.probesPort);
  // Handlers run last registered first: drain, stop the controllers, give up the lease, close the probes.
  shutdown.onShutdown(() => closeServer(probes), 'probes');

  let running: RunningController | undefined;
  const run = (signal: AbortSignal): RunningController => {
    running = start({ client, clock: systemClock, logger, signal, workers: env.workers, systemNamespace: env.systemNamespace, workQueueMetrics: (q) => queueMetrics.forQueue(q), reconcileMetrics });
    void running.synced.then((ok) => readiness.setReady(ok));
    return running;
  };

  if (env.leaderElection) {
    // A standby replica is healthy and ready; it just does not reconcile.
    readiness.setReady(true);
    const elector = new LeaderElector({
      client,
      namespace: env.systemNamespace,
      name: LEASE_NAME,
      identity: env.identity,
      logger,
      onStartedLeading: async (signal) => {
        await run(AbortSignal.any([signal, shutdown.signal])).done;
      },
      onStoppedLeading: () => {
        if (shutdown.signal.aborted) return;
        // Caches and queues of a deposed leader may be stale; a fresh process competes again.
        logger.error({ identity: env.identity }, 'lost leadership; exiting');
        process.exitCode = 1;
        void shutdown.shutdown(LOST_LEADERSHIP);
      },
    });
    elector.start();
    shutdown.onShutdown(() => elector.stop(), 'leader election');
  } else {
    run(shutdown.signal);
  }
  shutdown.onShutdown(() => running?.done, 'controllers');
  shutdown.onShutdown(() => readiness.drain(), 'readiness');
  await shutdown.done;
}

main().catch((err: unknown) => {
  process.stderr.write(`knot-controller: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
