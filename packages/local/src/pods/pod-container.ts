// What a pod needs of each of its containers, whether a child process or an in-process sidecar.
import type { ContainerState, ContainerStatus } from 'kubernetes-types/core/v1.js';

/** A container's status without `ready`, which the pod decides from its probes. */
export type ContainerRunStatus = Omit<ContainerStatus, 'ready'>;

export interface PodContainer {
  readonly name: string;
  start(): void;
  /** Stops the container: gracefully, then forcibly once `graceMs` has passed. Resolves once it is gone. */
  stop(graceMs: number): Promise<void>;
  status(): ContainerRunStatus;
  /** Running now (not waiting to restart, not terminated). */
  running(): boolean;
  /** Has been running at least once. */
  everStarted(): boolean;
}

/** A container that cannot be started at all; it waits with `reason` and never restarts. */
export class BlockedContainer implements PodContainer {
  readonly name: string;
  readonly #image: string;
  readonly #state: ContainerState;

  constructor(name: string, image: string, reason: string, message: string) {
    this.name = name;
    this.#image = image;
    this.#state = { waiting: { reason, message } };
  }

  start(): void {}

  stop(): Promise<void> {
    return Promise.resolve();
  }

  status(): ContainerRunStatus {
    return { name: this.name, image: this.#image, imageID: '', restartCount: 0, started: false, state: this.#state };
  }

  running(): boolean {
    return false;
  }

  everStarted(): boolean {
    return false;
  }
}
