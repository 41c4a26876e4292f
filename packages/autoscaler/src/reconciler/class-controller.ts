// Runs one PodAutoscaler class's reconciler: only PAs annotated with that class are
// queued (Knative's AnnotationFilterFunc on autoscaling.knative.dev/class), so a PA of
// another class never gets a status write from this one.
import { autoscaling, CLASS_ANNOTATION_KEY, type KubeObject, type PodAutoscaler } from '@knot/api';
import {
  ClientEventRecorder,
  filtered,
  handleErr,
  objectKey,
  ReconcilerBase,
  runWorkers,
  WorkQueue,
  type Client,
  type Clock,
  type ControllerOptions,
  type EventRecorder,
  type KindReconciler,
  type Logger,
  type SharedInformerFactory,
  type WorkQueueMetrics,
} from '@knot/runtime';
import { podAutoscalerConditionSet } from './pa-status.js';

export interface ClassControllerOptions {
  /** Names the queue, logger and events, e.g. `kpa-class-podautoscaler-controller`. */
  readonly name: string;
  readonly podAutoscalerClass: string;
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reconciler: KindReconciler<PodAutoscaler>;
  readonly workers?: number;
  readonly recorder?: EventRecorder;
  readonly metrics?: WorkQueueMetrics;
  readonly reconcileMetrics?: ControllerOptions<KubeObject>['reconcileMetrics'];
  /** Told the key of a PA of this class that was deleted or left the class. */
  readonly onGone?: (key: string) => void;
}

export class PodAutoscalerClassController {
  readonly name: string;
  readonly base: ReconcilerBase<PodAutoscaler>;
  readonly #o: ClassControllerOptions;
  readonly #log: Logger;
  #queue: WorkQueue;

  constructor(opts: ClassControllerOptions) {
    this.#o = opts;
    this.name = opts.name;
    this.#log = opts.logger.child({ controller: opts.name });
    this.#queue = this.#newQueue();
    const informer = opts.informers.informerFor(autoscaling.podAutoscalers);
    this.base = new ReconcilerBase({
      resource: autoscaling.podAutoscalers,
      client: opts.client,
      lister: informer.lister,
      reconciler: opts.reconciler,
      recorder: opts.recorder ?? new ClientEventRecorder({ client: opts.client, component: opts.name, clock: opts.clock, logger: this.#log }),
      clock: opts.clock,
      logger: this.#log,
      conditionSet: podAutoscalerConditionSet,
    });
    informer.addEventHandler(
      filtered((pa: PodAutoscaler) => pa.metadata?.annotations?.[CLASS_ANNOTATION_KEY] === opts.podAutoscalerClass, {
        onAdd: (pa) => this.queue.add(objectKey(pa)),
        onUpdate: (_old, pa) => this.queue.add(objectKey(pa)),
        onDelete: (pa) => opts.onGone?.(objectKey(pa)),
      }),
    );
  }

  /** The queue of the current or last run; each run (term of leadership) gets a fresh one. */
  get queue(): WorkQueue {
    return this.#queue;
  }

  #newQueue(): WorkQueue {
    return new WorkQueue({ name: this.#o.name, clock: this.#o.clock, metrics: this.#o.metrics });
  }

  enqueueKey(key: string): void {
    this.queue.add(key);
  }

  /** Re-queues every PA of the class, e.g. after the config changed. */
  globalResync(): void {
    const lister = this.#o.informers.listerFor(autoscaling.podAutoscalers);
    for (const pa of lister.list()) {
      if (pa.metadata?.annotations?.[CLASS_ANNOTATION_KEY] === this.#o.podAutoscalerClass) this.queue.add(objectKey(pa));
    }
  }

  /** Reconciles until `signal` aborts; resolves once in-flight reconciles have finished. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#queue.shuttingDown) this.#queue = this.#newQueue();
    const queue = this.#queue;
    if (!(await this.#o.informers.waitForSync(signal))) {
      queue.shutDown();
      return;
    }
    this.globalResync();
    const workers = runWorkers(queue, this.#o.workers ?? 2, async (key) => {
      const started = this.#o.clock.now();
      let err: unknown;
      try {
        await this.base.reconcile(key);
      } catch (e) {
        err = e;
      }
      this.#o.reconcileMetrics?.observe(this.name, err === undefined, (this.#o.clock.now() - started) / 1000);
      handleErr(queue, key, err, this.#log);
    });
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await queue.shutDownWithDrain();
    await workers;
  }
}
