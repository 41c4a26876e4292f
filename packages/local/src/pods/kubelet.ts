// The kubelet of local mode: runs the processes of every Pod bound to this machine and writes their status.
import { core } from '@knot/api';
import { isApiError, jsonEqual, noopLogger, objectKey, systemClock, type Client, type Clock, type Informer, type Logger, type SharedInformerFactory } from '@knot/runtime';
import path from 'node:path';
import type { Pod, PodStatus } from 'kubernetes-types/core/v1.js';
import { ContainerLogs } from './container-logs.js';
import { needsHostPorts, podPorts, withHostPorts } from './pod-ports.js';
import { isFinished } from './pod-readiness.js';
import { PodWorker } from './pod-worker.js';
import { PortPool } from './port-allocator.js';
import { defaultSpawn, type SpawnProcess } from './process-handle.js';
import type { SidecarFactories } from './sidecar.js';

/** The finalizer that keeps a pod visible as terminating until its processes are gone. */
export const LOCAL_POD_FINALIZER = 'local.knot.dev/processes';
/** The one node of the local platform. */
export const LOCAL_NODE_NAME = 'knot-local';

export interface KubeletOptions {
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Pods bound to this node, or to none, run here. Default `knot-local`. */
  readonly nodeName?: string;
  /** Variables every process starts with, e.g. the host's PATH; the container's own env comes on top. */
  readonly hostEnv?: Readonly<Record<string, string>>;
  /** In-process sidecars by container name (the queue-proxy). */
  readonly sidecars?: SidecarFactories;
  readonly spawn?: SpawnProcess;
  readonly ports?: PortPool;
  /** Bytes of output kept in memory per container; default 1 MiB. */
  readonly logBytes?: number;
  /** When set, every run's output is also written under `<logDir>/<namespace>_<pod>/<container>/<run>.log`. */
  readonly logDir?: string;
}

interface PodEntry {
  readonly uid: string;
  readonly worker: PodWorker;
  written: PodStatus | undefined;
  writing: boolean;
  dirty: boolean;
}

const DEFAULT_LOG_BYTES = 1024 * 1024;
const RETRY_MS = 1000;

/**
 * Takes up each Pod bound here: gives every declared port a host port (its
 * `hostPort`), adds the finalizer, starts its containers, and writes its
 * status as it changes. A pod being deleted is stopped gracefully and then
 * let go. A pod that already ran under an earlier runtime has lost its
 * processes: it is deleted, so its Deployment replaces it.
 */
export class Kubelet {
  readonly nodeName: string;
  readonly #o: KubeletOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #ports: PortPool;
  readonly #informer: Informer<Pod>;
  readonly #pods = new Map<string, PodEntry>();
  readonly #logs = new Map<string, { uid: string; containers: Map<string, ContainerLogs> }>();
  readonly #chains = new Map<string, Promise<void>>();
  #closing = false;

  constructor(opts: KubeletOptions) {
    this.#o = opts;
    this.nodeName = opts.nodeName ?? LOCAL_NODE_NAME;
    this.#clock = opts.clock ?? systemClock;
    this.#log = (opts.logger ?? noopLogger).child({ component: 'kubelet' });
    this.#ports = opts.ports ?? new PortPool();
    this.#informer = opts.informers.informerFor(core.pods);
    const enqueue = (pod: Pod) => this.#enqueue(objectKey(pod));
    this.#informer.addEventHandler({ onAdd: enqueue, onUpdate: (_old, pod) => enqueue(pod), onDelete: enqueue });
  }

  /** Runs until `signal` aborts, then stops every pod within its grace period. */
  async run(signal: AbortSignal): Promise<void> {
    this.#o.informers.start();
    if (!signal.aborted) await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.#closing = true;
    await Promise.all([...this.#chains.values()]);
    await Promise.all([...this.#pods.values()].map((e) => e.worker.stop()));
    for (const entry of this.#logs.values()) for (const logs of entry.containers.values()) logs.close();
  }

  /** The logs of a container of a pod this kubelet ran, while the pod exists. */
  logs(namespace: string, pod: string, container: string): ContainerLogs | undefined {
    return this.#logs.get(`${namespace}/${pod}`)?.containers.get(container);
  }

  /** Keys (`namespace/name`) of the pods running here. */
  runningPods(): string[] {
    return [...this.#pods.keys()];
  }

  #enqueue(key: string): void {
    const previous = this.#chains.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.#sync(key)).catch((err: unknown) => {
      this.#log.error({ err, pod: key }, 'pod sync failed; retrying');
      const timer = this.#clock.setTimeout(() => this.#enqueue(key), RETRY_MS);
      if (this.#closing) this.#clock.clearTimeout(timer);
    });
    this.#chains.set(key, next);
    void next.finally(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  async #sync(key: string): Promise<void> {
    if (this.#closing) return;
    const [namespace = '', name = ''] = key.split('/');
    const pod = this.#informer.lister.get(namespace, name);
    const entry = this.#pods.get(key);
    if (entry && entry.uid !== pod?.metadata?.uid) await this.#stop(key, entry);
    if (!pod) {
      this.#dropLogs(key);
      return;
    }
    if (pod.spec?.nodeName && pod.spec.nodeName !== this.nodeName) return;
    if (pod.metadata?.deletionTimestamp) {
      const running = this.#pods.get(key);
      if (running) await this.#stop(key, running);
      await this.#release(pod);
      return;
    }
    if (this.#pods.has(key) || isFinished(pod)) return;
    if (pod.status?.startTime) {
      this.#log.info({ pod: key }, 'pod ran under an earlier runtime and its processes are gone; deleting it');
      await this.#o.client.delete(core.pods, namespace, name).catch(ignoreNotFound);
      return;
    }
    const admitted = await this.#admit(pod);
    if (admitted) this.#start(key, admitted);
  }

  /** Binds the pod here, gives it host ports and the finalizer; undefined when it changed meanwhile (its update event follows). */
  async #admit(pod: Pod): Promise<Pod | undefined> {
    const finalizers = pod.metadata?.finalizers ?? [];
    if (finalizers.includes(LOCAL_POD_FINALIZER) && pod.spec?.nodeName === this.nodeName && !needsHostPorts(pod.spec)) {
      this.#ports.hold(podPorts(pod.spec).map((p) => p.hostPort));
      return pod;
    }
    const next: Pod = structuredClone(pod);
    next.metadata = { ...next.metadata, finalizers: finalizers.includes(LOCAL_POD_FINALIZER) ? finalizers : [...finalizers, LOCAL_POD_FINALIZER] };
    this.#ports.hold(podPorts(pod.spec).map((p) => p.hostPort));
    const spec = await withHostPorts({ ...(next.spec ?? { containers: [] }), nodeName: this.nodeName }, () => this.#ports.allocate());
    next.spec = spec;
    try {
      return await this.#o.client.update(core.pods, next);
    } catch (err) {
      this.#ports.release(podPorts(spec).map((p) => p.hostPort));
      if (isApiError(err, 'Conflict') || isApiError(err, 'NotFound')) return undefined;
      throw err;
    }
  }

  #start(key: string, pod: Pod): void {
    const logs = this.#logsOf(key, pod);
    const worker = new PodWorker({
      pod,
      hostEnv: this.#o.hostEnv ?? {},
      sidecars: this.#o.sidecars ?? {},
      spawn: this.#o.spawn ?? defaultSpawn,
      clock: this.#clock,
      logger: this.#log.child({ pod: key }),
      logsFor: (container) => logs(container),
      onChange: () => this.#writeStatus(key),
    });
    const entry: PodEntry = { uid: pod.metadata?.uid ?? '', worker, written: pod.status && Object.keys(pod.status).length > 0 ? pod.status : undefined, writing: false, dirty: false };
    this.#pods.set(key, entry);
    this.#log.info({ pod: key, ports: podPorts(pod.spec) }, 'starting pod');
    worker.start();
    this.#writeStatus(key);
  }

  async #stop(key: string, entry: PodEntry): Promise<void> {
    this.#log.info({ pod: key }, 'stopping pod');
    await entry.worker.stop();
    if (this.#pods.get(key) === entry) this.#pods.delete(key);
    this.#ports.release(entry.worker.ports);
    await this.#flush(key, entry);
  }

  /** Lets go of a deleted pod: removes our finalizer so the deletion completes. */
  async #release(pod: Pod): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.#o.client.get(core.pods, pod.metadata?.namespace, pod.metadata?.name ?? '').catch(ignoreNotFound);
      if (!current || current.metadata?.uid !== pod.metadata?.uid || !current.metadata?.finalizers?.includes(LOCAL_POD_FINALIZER)) return;
      current.metadata.finalizers = current.metadata.finalizers.filter((f) => f !== LOCAL_POD_FINALIZER);
      try {
        await this.#o.client.update(core.pods, current);
        return;
      } catch (err) {
        if (!isApiError(err, 'Conflict')) return ignoreNotFound(err);
      }
    }
  }

  /** Writes the pod's status when it changed; one write at a time per pod, the latest state last. */
  #writeStatus(key: string): void {
    const entry = this.#pods.get(key);
    if (!entry || this.#closing) return;
    if (entry.writing) {
      entry.dirty = true;
      return;
    }
    entry.writing = true;
    void this.#flush(key, entry).finally(() => {
      entry.writing = false;
      if (entry.dirty) {
        entry.dirty = false;
        this.#writeStatus(key);
      }
    });
  }

  async #flush(key: string, entry: PodEntry): Promise<void> {
    if (this.#closing) return;
    const status = entry.worker.status(entry.written);
    if (entry.written && jsonEqual(status, entry.written)) return;
    const [namespace, name = ''] = key.split('/');
    try {
      await this.#o.client.patch(core.pods, namespace, name, { type: 'json', patch: [{ op: 'add', path: '/status', value: status }] }, { subresource: 'status' });
      entry.written = status;
    } catch (err) {
      if (!isApiError(err, 'NotFound')) this.#log.warn({ err, pod: key }, 'writing pod status failed');
    }
  }

  #logsOf(key: string, pod: Pod): (container: string) => ContainerLogs {
    const uid = pod.metadata?.uid ?? '';
    let entry = this.#logs.get(key);
    if (!entry || entry.uid !== uid) {
      this.#dropLogs(key);
      entry = { uid, containers: new Map() };
      this.#logs.set(key, entry);
    }
    const containers = entry.containers;
    const dir = this.#o.logDir ? path.join(this.#o.logDir, `${pod.metadata?.namespace ?? ''}_${pod.metadata?.name ?? ''}`) : undefined;
    return (container) => {
      let logs = containers.get(container);
      if (!logs) {
        logs = new ContainerLogs({ maxBytes: this.#o.logBytes ?? DEFAULT_LOG_BYTES, ...(dir ? { dir: path.join(dir, container) } : {}), now: () => this.#clock.now() });
        containers.set(container, logs);
      }
      return logs;
    };
  }

  #dropLogs(key: string): void {
    for (const logs of this.#logs.get(key)?.containers.values() ?? []) logs.close();
    this.#logs.delete(key);
  }
}

function ignoreNotFound(err: unknown): undefined {
  if (isApiError(err, 'NotFound')) return undefined;
  throw err;
}
