// Composes the autoscaler: config store and informers, the kpa- and hpa-class
// PodAutoscaler reconcilers on the MultiScaler, and the metrics and probe server.
// Reconcilers run on the leader only; caches and the servers run on every replica.
import { closeServer, createMetricsRegistry, createProbeServer, listen, PromWorkQueueMetrics, Readiness, ReconcileMetrics, SharedInformerFactory, type ComponentDeps, type EventRecorder, type RunningComponent } from '@knot/runtime';
import type { Registry } from 'prom-client';
import type { AutoscalerEnv } from './autoscaler-env.js';
import { AutoscalerConfigStore, type AutoscalerConfigSource } from './config-store.js';
import { createHpaController } from './hpa/hpa-controller.js';
import type { PodAutoscalerClassController } from './reconciler/class-controller.js';
import { createKpaController } from './reconciler/kpa-controller.js';
import { startKpaScaling, type KpaScaling } from './scaling/kpa-scaling.js';
import type { MultiScaler } from './scaling/types.js';

export interface AutoscalerPorts {
  /** Prometheus `/metrics`, `/healthz` and `/readyz` (Knative's 9090). */
  readonly metrics: number;
  /** The stat websocket activators report to (Knative's 8080); 0 when absent. Not bound when a MultiScaler is injected. */
  readonly stats?: number;
}

export interface AutoscalerDeps extends ComponentDeps {
  /** 0 picks a free port; `start` reports the bound ones. */
  readonly ports: AutoscalerPorts;
  readonly host?: string;
  /** Where the config maps live; `knative-serving` by default. */
  readonly systemNamespace?: string;
  /** Fixed settings instead of watching config-autoscaler and config-deployment. */
  readonly config?: AutoscalerConfigSource;
  /** The deciders the kpa-class reconciler drives; by default the KPA scaling side (collector, deciders, stat server). */
  readonly multiScaler?: MultiScaler;
  /** Workers per reconciler; Knative's default threadiness is 2. */
  readonly workers?: number;
  /**
   * When true the reconcilers wait for `runReconcilers` (called once per term of
   * leadership); otherwise they run at once until `signal` aborts.
   */
  readonly leaderElected?: boolean;
  readonly recorderFor?: (component: string) => EventRecorder;
}

export interface RunningAutoscaler extends RunningComponent {
  readonly ports: AutoscalerPorts;
  readonly readiness: Readiness;
  readonly registry: Registry;
  readonly config: AutoscalerConfigSource;
  readonly multiScaler: MultiScaler;
  readonly controllers: readonly PodAutoscalerClassController[];
  /** Resolves true once the caches (config maps included) have synced; false when stopped first. */
  readonly synced: Promise<boolean>;
  /** Runs the reconcilers until `signal` (or the component's) aborts. */
  runReconcilers(signal: AbortSignal): Promise<void>;
}

export async function start(deps: AutoscalerDeps): Promise<RunningAutoscaler> {
  const logger = deps.logger.child({ component: 'autoscaler' });
  const registry = createMetricsRegistry();
  const queueMetrics = new PromWorkQueueMetrics(registry);
  const readiness = new Readiness();
  const informers = new SharedInformerFactory({ client: deps.client, clock: deps.clock, logger });
  const config = deps.config ?? new AutoscalerConfigStore({ informers, namespace: deps.systemNamespace, logger });
  const env: AutoscalerEnv = {
    client: deps.client,
    informers,
    clock: deps.clock,
    logger,
    config,
    workers: deps.workers,
    recorderFor: deps.recorderFor,
    queueMetrics: (q) => queueMetrics.forQueue(q),
    reconcileMetrics: new ReconcileMetrics(registry),
  };
  let scaling: KpaScaling | undefined;
  if (!deps.multiScaler) scaling = await startKpaScaling({ informers, clock: deps.clock, logger, registry, statsPort: deps.ports.stats ?? 0, host: deps.host });
  const multiScaler: MultiScaler = deps.multiScaler ?? (scaling as KpaScaling).multiScaler;
  const controllers = [createKpaController(env, multiScaler), createHpaController(env)];
  const stopListening = config.onChange(() => {
    for (const c of controllers) c.globalResync();
  });

  const server = createProbeServer({ readiness, registry, logger });
  let ports: AutoscalerPorts;
  try {
    ports = { metrics: await listen(server, deps.ports.metrics, deps.host), ...(scaling ? { stats: scaling.statsPort } : {}) };
  } catch (err) {
    await scaling?.stop();
    throw err;
  }

  informers.start();
  const synced = informers.waitForSync(deps.signal).then((ok) => {
    readiness.setReady(ok);
    return ok;
  });
  const runs = new Set<Promise<void>>();
  const runReconcilers = async (signal: AbortSignal): Promise<void> => {
    const run = Promise.all(controllers.map((c) => c.run(AbortSignal.any([signal, deps.signal])))).then(() => undefined);
    runs.add(run);
    try {
      await run;
    } finally {
      runs.delete(run);
    }
  };
  if (!deps.leaderElected) runReconcilers(deps.signal).catch((err: unknown) => logger.error({ err }, 'reconcilers stopped with an error'));
  logger.info({ ports }, 'autoscaler started');

  const done = new Promise<void>((resolve) => {
    const stop = async () => {
      readiness.drain();
      await Promise.all(runs);
      await scaling?.stop();
      stopListening();
      await informers.stop();
      await closeServer(server);
      logger.info({}, 'autoscaler stopped');
    };
    const run = () => void stop().catch((err: unknown) => logger.error({ err }, 'autoscaler stop failed')).finally(resolve);
    if (deps.signal.aborted) run();
    else deps.signal.addEventListener('abort', run, { once: true });
  });
  return { ports, readiness, registry, config, multiScaler, controllers, synced, runReconcilers, done };
}
