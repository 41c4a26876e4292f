import type { ConditionSet, KubeObject, ResourceType } from '@knot/api';
import type { Client } from '../client.js';
import { systemClock, type Clock } from '../clock.js';
import type { ReconcileMetrics } from '../http/reconcile-metrics.js';
import { enqueueObject } from '../informer/event-handler.js';
import type { Informer } from '../informer/informer.js';
import { objectKey } from '../informer/key.js';
import type { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { noopLogger, type Logger } from '../logger.js';
import type { WorkQueueMetrics } from '../workqueue/metrics.js';
import { runWorkers } from '../workqueue/run-workers.js';
import { WorkQueue } from '../workqueue/work-queue.js';
import { handleErr } from './errors.js';
import { ClientEventRecorder, type EventRecorder } from './event-recorder.js';
import type { KindReconciler } from './kind-reconciler.js';
import { ReconcilerBase } from './reconciler-base.js';

export interface ControllerOptions<T extends KubeObject> {
  /** Names the queue, the logger and the events' source component, e.g. `service-controller`. */
  name: string;
  resource: ResourceType<T>;
  client: Client;
  informerFactory: SharedInformerFactory;
  reconciler: KindReconciler<T>;
  /** Concurrent reconciles; knative's default threadiness is 2. */
  workers?: number;
  clock?: Clock;
  logger?: Logger;
  metrics?: WorkQueueMetrics;
  /** Records `reconcile_count` and `reconcile_latency` per reconcile, labelled with `name`. */
  reconcileMetrics?: Pick<ReconcileMetrics, 'observe'>;
  /** Defaults to one writing Events through `client`. */
  recorder?: EventRecorder;
  finalizerName?: string;
  conditionSet?: ConditionSet;
  skipStatusUpdates?: boolean;
}

/**
 * Wires the primary informer, a work queue, workers and the reconciler base
 * (knative's `controller.Impl`). Secondary informers feed it through `enqueueKey`.
 * `run` may be called again after a previous run ended, e.g. once per term of
 * leadership from `runLeaderElected`.
 */
export class Controller<T extends KubeObject> {
  readonly name: string;
  readonly informer: Informer<T>;
  readonly reconciler: ReconcilerBase<T>;
  readonly #factory: SharedInformerFactory;
  readonly #workers: number;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #queueMetrics: WorkQueueMetrics | undefined;
  readonly #reconcileMetrics: Pick<ReconcileMetrics, 'observe'> | undefined;
  #queue: WorkQueue;
  #running = false;

  constructor(opts: ControllerOptions<T>) {
    const clock = opts.clock ?? systemClock;
    this.name = opts.name;
    this.#factory = opts.informerFactory;
    this.#workers = opts.workers ?? 2;
    if (!Number.isInteger(this.#workers) || this.#workers < 1) throw new RangeError(`Controller workers must be a positive integer, got ${opts.workers}`);
    this.#log = (opts.logger ?? noopLogger).child({ controller: opts.name });
    this.#clock = clock;
    this.#queueMetrics = opts.metrics;
    this.#reconcileMetrics = opts.reconcileMetrics;
    this.#queue = this.#newQueue();
    this.informer = opts.informerFactory.informerFor(opts.resource);
    this.reconciler = new ReconcilerBase({
      resource: opts.resource,
      client: opts.client,
      lister: this.informer.lister,
      reconciler: opts.reconciler,
      recorder: opts.recorder ?? new ClientEventRecorder({ client: opts.client, component: opts.name, clock, logger: this.#log }),
      clock,
      logger: this.#log,
      finalizerName: opts.finalizerName,
      conditionSet: opts.conditionSet,
      skipStatusUpdates: opts.skipStatusUpdates,
    });
    this.informer.addEventHandler(enqueueObject((key) => this.queue.add(key)));
  }

  /** The queue of the current or last run; a run after it was shut down gets a fresh one. */
  get queue(): WorkQueue {
    return this.#queue;
  }

  enqueueKey(key: string): void {
    this.queue.add(key);
  }

  enqueue(obj: KubeObject): void {
    this.queue.add(objectKey(obj));
  }

  enqueueKeyAfter(key: string, ms: number): void {
    this.queue.addAfter(key, ms);
  }

  /** Enqueues every cached object, e.g. after a config map changed. */
  globalResync(): void {
    for (const obj of this.informer.lister.list()) this.queue.add(objectKey(obj));
  }

  /**
   * Starts the informers, waits for the primary cache, queues every cached
   * object, then reconciles until `signal` aborts; resolves once in-flight
   * reconciles have finished. One run at a time.
   */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new Error(`Controller ${this.name} is already running`);
    this.#running = true;
    try {
      await this.#run(signal);
    } finally {
      this.#running = false;
    }
  }

  async #run(signal: AbortSignal): Promise<void> {
    if (this.#queue.shuttingDown) this.#queue = this.#newQueue();
    const queue = this.#queue;
    this.#factory.start();
    if (!(await this.informer.waitForSync(signal))) {
      queue.shutDown();
      return;
    }
    // Keys that changed while no run was active were dropped by the old queue; this is knative's resync on promotion.
    this.globalResync();
    this.#log.info({ workers: this.#workers }, 'starting workers');
    const workers = runWorkers(queue, this.#workers, (key) => this.#process(queue, key));
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.#log.info({}, 'stopping workers');
    await queue.shutDownWithDrain();
    await workers;
  }

  #newQueue(): WorkQueue {
    return new WorkQueue({ name: this.name, clock: this.#clock, metrics: this.#queueMetrics });
  }

  async #process(queue: WorkQueue, key: string): Promise<void> {
    const started = this.#clock.now();
    let err: unknown;
    try {
      await this.reconciler.reconcile(key);
    } catch (e) {
      err = e;
    }
    // As knative's controller: success means the reconcile returned no error at all, requeue and skip included.
    this.#reconcileMetrics?.observe(this.name, err === undefined, (this.#clock.now() - started) / 1000);
    handleErr(queue, key, err, this.#log);
  }
}
