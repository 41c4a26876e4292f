// The state of one container across its runs, as the kubelet reports it: running, terminated, or
// waiting in CrashLoopBackOff before the next run.
import { formatMetaTime } from '@knot/api';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';
import type { ContainerState, ContainerStateTerminated } from 'kubernetes-types/core/v1.js';
import type { ContainerRunStatus, PodContainer } from './pod-container.js';
import { signalNumber } from './process-handle.js';
import { RestartBackoff } from './restart-backoff.js';

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

export interface ContainerLifecycleOptions {
  readonly name: string;
  readonly image: string;
  readonly restartPolicy: RestartPolicy;
  /** `<pod>_<namespace>(<uid>)`, as the kubelet names a pod in its messages. */
  readonly podRef: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Starts one run; the run reports its end through `ended`. */
  readonly run: () => void;
  readonly onChange: () => void;
}

/** How a run ended. */
export interface RunEnd {
  readonly exitCode: number;
  readonly reason?: string;
  readonly message?: string;
  readonly signal?: NodeJS.Signals;
}

/**
 * Restarts and state bookkeeping shared by process containers and sidecars:
 * `started()` and `ended()` come from the run, `stop()` ends restarting.
 */
export class ContainerLifecycle {
  readonly #o: ContainerLifecycleOptions;
  readonly #backoff = new RestartBackoff();
  #state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  #lastState: ContainerState | undefined;
  #restartCount = 0;
  #startedAt: number | undefined;
  #everStarted = false;
  #stopping = false;
  #timer: TimerHandle | undefined;
  #containerID: string | undefined;

  constructor(opts: ContainerLifecycleOptions) {
    this.#o = opts;
  }

  get restartCount(): number {
    return this.#restartCount;
  }

  get stopping(): boolean {
    return this.#stopping;
  }

  begin(): void {
    if (!this.#stopping) this.#o.run();
  }

  started(containerID?: string): void {
    this.#startedAt = this.#o.clock.now();
    this.#everStarted = true;
    this.#state = { running: { startedAt: formatMetaTime(this.#startedAt) } };
    this.#containerID = containerID;
    this.#o.onChange();
  }

  /** A run ended; restarts it after the back-off unless stopping or the restart policy says no. */
  ended(end: RunEnd): void {
    const now = this.#o.clock.now();
    const terminated: ContainerStateTerminated = {
      exitCode: end.exitCode,
      reason: end.reason ?? (end.exitCode === 0 ? 'Completed' : 'Error'),
      ...(end.message ? { message: end.message } : {}),
      ...(end.signal ? { signal: signalNumber(end.signal) } : {}),
      ...(this.#startedAt !== undefined ? { startedAt: formatMetaTime(this.#startedAt) } : {}),
      finishedAt: formatMetaTime(now),
      ...(this.#containerID ? { containerID: this.#containerID } : {}),
    };
    const ranMs = this.#startedAt === undefined ? 0 : now - this.#startedAt;
    this.#startedAt = undefined;
    const restart = !this.#stopping && (this.#o.restartPolicy === 'Always' || (this.#o.restartPolicy === 'OnFailure' && end.exitCode !== 0));
    if (!restart) {
      this.#state = { terminated };
      this.#o.onChange();
      return;
    }
    const delay = this.#backoff.next(ranMs);
    this.#lastState = { terminated };
    this.#state = { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${delay / 1000}s restarting failed container=${this.#o.name} pod=${this.#o.podRef}` } };
    this.#o.logger.warn({ container: this.#o.name, exitCode: end.exitCode, restartInMs: delay }, 'container exited; restarting after back-off');
    this.#timer = this.#o.clock.setTimeout(() => {
      this.#timer = undefined;
      this.#restartCount++;
      this.#state = { waiting: { reason: 'ContainerCreating' } };
      this.begin();
    }, delay);
    this.#o.onChange();
  }

  /** No more restarts; a pending one is cancelled. */
  stop(): void {
    this.#stopping = true;
    if (this.#timer) this.#o.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  running(): boolean {
    return this.#state.running !== undefined;
  }

  everStarted(): boolean {
    return this.#everStarted;
  }

  status(): ContainerRunStatus {
    return {
      name: this.#o.name,
      image: this.#o.image,
      imageID: '',
      ...(this.#containerID ? { containerID: this.#containerID } : {}),
      restartCount: this.#restartCount,
      started: this.running(),
      state: this.#state,
      ...(this.#lastState ? { lastState: this.#lastState } : {}),
    };
  }
}

/** A container whose runs the lifecycle restarts; subclasses say how a run starts and how the container stops. */
export abstract class LifecycleContainer implements PodContainer {
  readonly name: string;
  protected readonly life: ContainerLifecycle;

  constructor(opts: Omit<ContainerLifecycleOptions, 'run'>) {
    this.name = opts.name;
    this.life = new ContainerLifecycle({ ...opts, run: () => this.run() });
  }

  start(): void {
    this.life.begin();
  }

  status(): ContainerRunStatus {
    return this.life.status();
  }

  running(): boolean {
    return this.life.running();
  }

  everStarted(): boolean {
    return this.life.everStarted();
  }

  abstract stop(graceMs: number): Promise<void>;

  protected abstract run(): void;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
