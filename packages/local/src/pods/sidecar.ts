// Containers that run inside this process instead of as a child process: the queue-proxy.
import type { Clock, Logger } from '@knot/runtime';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { LifecycleContainer, messageOf, type RestartPolicy } from './container-lifecycle.js';
import type { ContainerLogs } from './container-logs.js';

/** What a sidecar factory gets: the pod as it runs (host ports in its spec, its IP in its status) and the container's resolved env. */
export interface SidecarContext {
  readonly pod: Pod;
  readonly container: Container;
  readonly env: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly logs: ContainerLogs;
}

/** A running in-process sidecar. */
export interface Sidecar {
  /** Whether it is ready now; the pod asks on its probe schedule. */
  ready(): Promise<boolean>;
  /** Stops taking new work, finishes what it has and stops; resolves when it has. */
  drain(): Promise<void>;
  /** Settles when it has stopped, after a drain or on its own. */
  readonly done: Promise<void>;
}

/** Starts a sidecar for a container; a rejection counts as a failed start and is retried with back-off. */
export type SidecarFactory = (ctx: SidecarContext) => Promise<Sidecar>;

/** Sidecar factories by container name, e.g. `{ 'queue-proxy': queueProxySidecar() }`. */
export type SidecarFactories = Readonly<Record<string, SidecarFactory>>;

export interface SidecarContainerOptions {
  readonly factory: SidecarFactory;
  readonly context: SidecarContext;
  readonly restartPolicy: RestartPolicy;
  readonly podRef: string;
  readonly onChange: () => void;
}

/** An in-process sidecar with a container's lifecycle: a failed start or an unexpected stop is a crash, restarted with back-off. */
export class SidecarContainer extends LifecycleContainer {
  readonly #o: SidecarContainerOptions;
  #current: Sidecar | undefined;
  #starting: Promise<void> = Promise.resolve();

  constructor(opts: SidecarContainerOptions) {
    const { container, clock, logger } = opts.context;
    super({ name: container.name, image: container.image ?? '', restartPolicy: opts.restartPolicy, podRef: opts.podRef, clock, logger, onChange: opts.onChange });
    this.#o = opts;
  }

  /** The sidecar's own readiness; false unless it runs. */
  async ready(): Promise<boolean> {
    const sidecar = this.#current;
    if (!sidecar || !this.life.running()) return false;
    try {
      return await sidecar.ready();
    } catch {
      return false;
    }
  }

  /** Drains the sidecar; past `graceMs` it is left to finish on its own. */
  async stop(graceMs: number): Promise<void> {
    this.life.stop();
    await this.#starting;
    const sidecar = this.#current;
    if (!sidecar) return;
    const { clock } = this.#o.context;
    await new Promise<void>((resolve) => {
      const timer = clock.setTimeout(() => {
        this.#o.context.logger.warn({ container: this.name, graceMs }, 'sidecar did not drain within the grace period');
        resolve();
      }, graceMs);
      void sidecar.drain().finally(() => {
        clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  protected run(): void {
    const { logs } = this.#o.context;
    logs.startRun(this.life.restartCount);
    this.#starting = this.#o
      .factory(this.#o.context)
      .then((sidecar) => {
        this.#current = sidecar;
        this.life.started(`local://${this.#o.podRef}/${this.name}`);
        void sidecar.done.then(
          () => this.#ended(sidecar, 0),
          (err: unknown) => this.#ended(sidecar, 1, err),
        );
      })
      .catch((err: unknown) => {
        const code = (err as { code?: unknown }).code;
        logs.write('stderr', `${messageOf(err)}\n`);
        this.life.ended({ exitCode: 128, reason: code === 'InvalidQueueProxyEnv' ? 'CreateContainerConfigError' : 'StartError', message: messageOf(err) });
      });
  }

  #ended(sidecar: Sidecar, exitCode: number, err?: unknown): void {
    if (this.#current !== sidecar) return;
    this.#current = undefined;
    this.life.ended({ exitCode, ...(err !== undefined ? { message: messageOf(err) } : {}) });
  }
}
