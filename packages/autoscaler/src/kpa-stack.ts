// The scaling side as start() runs it: Metric objects feed the collector, which
// scrapes revisions' pods every second; the multi-scaler ticks a decider per
// revision, counting ready pods in the revision's private Endpoints.
import { autoscaling, core, networking } from '@knot/api';
import type { Clock, Logger, SharedInformerFactory } from '@knot/runtime';
import type { Registry } from 'prom-client';
import { MetricCollector, StatClient, syncMetrics } from './metrics/index.js';
import { readyPods } from './reconciler/ready-pods.js';
import { KpaMultiScaler } from './scaling/multi-scaler.js';
import type { ReadyPodCounter } from './scaling/types.js';

export interface KpaStack {
  readonly multiScaler: KpaMultiScaler;
  readonly collector: MetricCollector;
  start(): void;
  stop(): Promise<void>;
}

export function createKpaStack(opts: { informers: SharedInformerFactory; clock: Clock; logger: Logger; registry: Registry }): KpaStack {
  const { informers, clock, logger } = opts;
  const endpoints = informers.listerFor(core.endpoints);
  const serverlessServices = informers.listerFor(networking.serverlessServices);
  const client = new StatClient();
  const collector = new MetricCollector({ clock, logger, endpoints: (ns, name) => endpoints.get(ns, name), scrapeOne: (t) => client.scrape(t) });
  const unsync = syncMetrics(informers.informerFor(autoscaling.metrics), collector);
  // The decider's key is the PA's, whose SKS names the private Service.
  const readyPodsOf: ReadyPodCounter = (key) => {
    const [namespace = '', name = ''] = key.split('/');
    const service = serverlessServices.get(namespace, name)?.status?.privateServiceName;
    return service ? readyPods(endpoints.get(namespace, service)) : 0;
  };
  const multiScaler = new KpaMultiScaler({ clock, logger, metrics: collector, readyPods: readyPodsOf, registry: opts.registry });
  return {
    multiScaler,
    collector,
    start: () => collector.start(),
    stop: async () => {
      unsync();
      multiScaler.stop();
      await collector.stop();
    },
  };
}
