// Wires the Ingress reconciler: only knot-class Ingresses are queued, deletions leave the table at once,
// and a change to a Service an Ingress names re-reconciles that Ingress.
import { core, ingressConditionSet, networking, type Ingress } from '@knot/api';
import {
  ClientEventRecorder,
  filtered,
  handleAll,
  handleErr,
  objectKey,
  ReconcilerBase,
  runWorkers,
  WorkQueue,
  type Client,
  type Clock,
  type Logger,
  type SharedInformerFactory,
} from '@knot/runtime';
import type { Service } from 'kubernetes-types/core/v1.js';
import type { GatewayLoadBalancers } from '@knot/api';
import type { RouteProgrammer } from '../table/route-programmer.js';
import { isKnotIngress } from './ingress-class.js';
import { IngressReconciler } from './ingress-reconciler.js';

export const INGRESS_CONTROLLER_NAME = 'gateway-ingress-controller';

export interface IngressControllerOptions {
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly programmer: RouteProgrammer;
  readonly loadBalancers: GatewayLoadBalancers;
  readonly ingressClass: string;
  readonly workers?: number;
}

export class IngressController {
  readonly queue: WorkQueue;
  readonly base: ReconcilerBase<Ingress>;
  readonly #o: IngressControllerOptions;
  readonly #log: Logger;
  /** `namespace/name` of a Service → the Ingresses whose splits name it. */
  readonly #byService = new Map<string, Set<string>>();
  readonly #servicesOf = new Map<string, ReadonlySet<string>>();

  constructor(opts: IngressControllerOptions) {
    this.#o = opts;
    this.#log = opts.logger.child({ controller: INGRESS_CONTROLLER_NAME });
    this.queue = new WorkQueue({ name: INGRESS_CONTROLLER_NAME, clock: opts.clock });
    const ingresses = opts.informers.informerFor(networking.ingresses);
    const reconciler = new IngressReconciler({ programmer: opts.programmer, loadBalancers: opts.loadBalancers, ingressClass: opts.ingressClass, track: (key, services) => this.#track(key, services) });
    this.base = new ReconcilerBase({
      resource: networking.ingresses,
      client: opts.client,
      lister: ingresses.lister,
      reconciler,
      recorder: new ClientEventRecorder({ client: opts.client, component: INGRESS_CONTROLLER_NAME, clock: opts.clock, logger: this.#log }),
      clock: opts.clock,
      logger: this.#log,
      conditionSet: ingressConditionSet,
    });
    ingresses.addEventHandler(
      filtered((ing: Ingress) => isKnotIngress(ing, opts.ingressClass), {
        onAdd: (ing) => this.queue.add(objectKey(ing)),
        onUpdate: (_old, ing) => this.queue.add(objectKey(ing)),
        onDelete: (ing) => this.#forget(objectKey(ing)),
      }),
    );
    opts.informers.informerFor(core.services).addEventHandler(
      handleAll((svc: Service) => {
        for (const key of this.#byService.get(objectKey(svc)) ?? []) this.queue.add(key);
      }),
    );
  }

  /** Reconciles until `signal` aborts; resolves once the workers have finished. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.#o.informers.waitForSync(signal))) {
      this.queue.shutDown();
      return;
    }
    const workers = runWorkers(this.queue, this.#o.workers ?? 2, async (key) => {
      let err: unknown;
      try {
        await this.base.reconcile(key);
      } catch (e) {
        err = e;
      }
      handleErr(this.queue, key, err, this.#log);
    });
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    await this.queue.shutDownWithDrain();
    await workers;
  }

  #forget(key: string): void {
    this.#o.programmer.remove(key);
    this.#track(key, new Set());
  }

  #track(key: string, services: ReadonlySet<string>): void {
    for (const svc of this.#servicesOf.get(key) ?? []) {
      const set = this.#byService.get(svc);
      set?.delete(key);
      if (set?.size === 0) this.#byService.delete(svc);
    }
    if (services.size === 0) {
      this.#servicesOf.delete(key);
      return;
    }
    this.#servicesOf.set(key, services);
    for (const svc of services) {
      let set = this.#byService.get(svc);
      if (!set) this.#byService.set(svc, (set = new Set()));
      set.add(key);
    }
  }
}
