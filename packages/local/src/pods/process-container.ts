// An ordinary container run as a child process of this one.
import type { ChildProcess } from 'node:child_process';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';
import { LifecycleContainer, messageOf, type ContainerLifecycle, type RestartPolicy } from './container-lifecycle.js';
import type { ContainerLogs } from './container-logs.js';
import { exitCodeOf, signalGroup, type SpawnProcess } from './process-handle.js';

export interface ProcessContainerOptions {
  readonly name: string;
  readonly image: string;
  /** `command` followed by `args`. */
  readonly argv: readonly [string, ...string[]];
  readonly env: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  readonly restartPolicy: RestartPolicy;
  /** terminationMessagePolicy FallbackToLogsOnError: a failed run's message is the end of its output. */
  readonly fallbackToLogsOnError: boolean;
  readonly podRef: string;
  readonly spawn: SpawnProcess;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly logs: ContainerLogs;
  readonly onChange: () => void;
}

// The kubelet's limits for a message taken from logs.
const MESSAGE_MAX_LINES = 80;
const MESSAGE_MAX_BYTES = 2048;

/**
 * Runs the container's command with its environment and working directory in
 * a process group of its own; its output goes to the container's logs. When
 * the command exits, whatever it left behind in its group is killed, as a
 * container's end takes all its processes.
 */
export class ProcessContainer extends LifecycleContainer {
  readonly #o: ProcessContainerOptions;
  #child: ChildProcess | undefined;
  #closed: Promise<void> = Promise.resolve();

  constructor(opts: ProcessContainerOptions) {
    super(opts);
    this.#o = opts;
  }

  async stop(graceMs: number): Promise<void> {
    this.life.stop();
    const child = this.#child;
    if (!child) return;
    signalGroup(child, 'SIGTERM');
    const kill: TimerHandle = this.#o.clock.setTimeout(() => {
      this.#o.logger.warn({ container: this.name, graceMs }, 'container did not stop within its grace period; killing it');
      signalGroup(child, 'SIGKILL');
    }, graceMs);
    await this.#closed;
    this.#o.clock.clearTimeout(kill);
  }

  protected run(): void {
    const { argv, logs } = this.#o;
    logs.startRun(this.life.restartCount);
    let child: ChildProcess;
    try {
      child = this.#o.spawn(argv[0], argv.slice(1), { cwd: this.#o.workingDir, env: this.#o.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (err) {
      this.life.ended({ exitCode: 128, reason: 'StartError', message: messageOf(err) });
      return;
    }
    this.#child = child;
    let finish!: () => void;
    this.#closed = new Promise((resolve) => (finish = resolve));
    let spawned = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const end = (result: Parameters<ContainerLifecycle['ended']>[0]) => {
      if (this.#child !== child) return;
      this.#child = undefined;
      logs.flush();
      const message = result.message ?? (result.exitCode !== 0 && this.#o.fallbackToLogsOnError ? logs.tail(MESSAGE_MAX_LINES, MESSAGE_MAX_BYTES) : undefined);
      this.life.ended({ ...result, message });
      finish();
    };
    child.stdout?.on('data', (chunk: Buffer) => logs.write('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => logs.write('stderr', chunk));
    child.once('spawn', () => {
      spawned = true;
      this.life.started(`local://${child.pid ?? 0}`);
    });
    child.once('error', (err) => {
      if (!spawned) end({ exitCode: 128, reason: 'StartError', message: messageOf(err) });
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      // The container ends with its first process: nothing it started outlives it.
      signalGroup(child, 'SIGKILL');
    });
    // After the exit and the end of its output, so the logs (and a message taken from them) are complete.
    child.once('close', (code, signal) => {
      const c = exit?.code ?? code;
      const s = exit?.signal ?? signal;
      if (spawned) end({ exitCode: exitCodeOf(c, s), ...(s ? { signal: s } : {}) });
    });
  }
}
