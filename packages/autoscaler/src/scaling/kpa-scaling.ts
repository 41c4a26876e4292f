// The scaling side of the autoscaler in one piece: the metric collector fed by
// Metric objects and private Endpoints, the deciders reading it, and the stat
// server the activators report to. start() hands `multiScaler` to the
// PodAutoscaler reconciler.
import { AUTOSCALING_QUEUE_METRICS_PORT_NAME, autoscaling, core, endpointTargets } from '@knot/api';
import type { Clock, Logger, SharedInformerFactory } from '@knot/runtime';
import type { Registry } from 'prom-client';
import { MetricCollector } from '../metrics/metric-collector.js';
import { syncMetrics } from '../metrics/metric-sync.js';
import { StatClient } from '../metrics/stat-client.js';
import { startStatServer } from '../statserver/stat-server.js';
import { statsSink } from '../statserver/stats-sink.js';
import { KpaMultiScaler } from './multi-scaler.js';
import type { ReadyPodCounter } from './types.js';

export interface KpaScalingDeps {
  /** The component's informers; Metric and Endpoints informers are added to them (start them after). */
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The component's own Registry, for the per-revision gauges. */
  readonly registry?: Registry;
  /** AUTOSCALER_STATS_PORT (8080); 0 picks a free one. */
  readonly statsPort: number;
  readonly host?: string;
  /** Ready pods per revision; by default those on the Metric's scrape target with a stats port. */
  readonly readyPods?: ReadyPodCounter;
  /** The scrape sample's order; Math.random by default. */
  readonly random?: () => number;
}

export interface KpaScaling {
  readonly multiScaler: KpaMultiScaler;
  readonly collector: MetricCollector;
  /** The stat server's bound port. */
  readonly statsPort: number;
  /** Stops the server, the scrapes and the deciders. */
  stop(): Promise<void>;
}

export async function startKpaScaling(deps: KpaScalingDeps): Promise<KpaScaling> {
  const logger = deps.logger.child({ component: 'kpa-scaling' });
  const endpoints = deps.informers.listerFor(core.endpoints);
  const statClient = new StatClient();
  const collector = new MetricCollector({
    clock: deps.clock,
    logger,
    endpoints: (ns, name) => endpoints.get(ns, name),
    scrapeOne: (t) => statClient.scrape(t),
    random: deps.random,
  });
  const readyPods: ReadyPodCounter =
    deps.readyPods ??
    ((key) => {
      const target = collector.scrapeTarget(key);
      const slash = key.indexOf('/');
      return target ? endpointTargets(endpoints.get(key.slice(0, slash), target), AUTOSCALING_QUEUE_METRICS_PORT_NAME).length : 0;
    });
  const multiScaler = new KpaMultiScaler({ clock: deps.clock, logger, metrics: collector, readyPods, registry: deps.registry });
  const unsync = syncMetrics(deps.informers.informerFor(autoscaling.metrics), collector);
  const server = await startStatServer({ port: deps.statsPort, host: deps.host, logger, onStats: statsSink(collector, multiScaler, deps.clock) });
  collector.start();
  return {
    multiScaler,
    collector,
    statsPort: server.port,
    async stop() {
      unsync();
      multiScaler.stop();
      await server.close();
      await collector.stop();
      await statClient.close();
    },
  };
}
