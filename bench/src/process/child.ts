// Components under test run as child processes, each with its own event loop.
// A runner announces itself with one JSON line on stdout once it listens.
import { spawn, type ChildProcess } from 'node:child_process';
import { BenchError } from '../bench-error.js';
import { cpuMs } from './cpu.js';
import { resident, type Resident } from './rss.js';

export interface StartOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Wait for a first stdout line holding JSON; otherwise the child counts as started at once. */
  readonly announces: boolean;
  readonly timeoutMs?: number;
}

export class Child {
  #exited = false;
  #log = '';
  /** Resolves with the exit code when the child has gone, for whatever reason. */
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly process: ChildProcess,
  ) {
    process.stderr?.setEncoding('utf8').on('data', (c: string) => (this.#log = (this.#log + c).slice(-4000)));
    this.exited = new Promise((resolve) =>
      process.once('exit', (code) => {
        this.#exited = true;
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  /** The last few kB the child wrote to stderr, for error messages. */
  get log(): string {
    return this.#log;
  }

  resident(): Promise<Resident> {
    return resident(this.pid);
  }

  /** User plus system CPU time used so far, in ms. */
  cpuMs(): Promise<number> {
    return cpuMs(this.pid);
  }

  /** SIGTERM, then SIGKILL when the child has not gone within `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.#exited) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts a child and, when it announces, resolves with its first JSON line. */
export function startChild(opts: StartOptions): Promise<{ child: Child; announcement: unknown }> {
  const proc = spawn(opts.command, [...opts.args], { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = new Child(opts.name, proc);
  if (!opts.announces) {
    proc.stdout.resume();
    return Promise.resolve({ child, announcement: undefined });
  }
  return new Promise((resolve, reject) => {
    let buffered = '';
    const fail = (err: BenchError) => {
      clearTimeout(timer);
      void child.stop(0);
      reject(err);
    };
    const timer = setTimeout(() => fail(new BenchError('child-timeout', `${opts.name} did not announce itself: ${child.log.trim()}`)), opts.timeoutMs ?? 30_000);
    const onExit = (code: number | null) => fail(new BenchError('child-exited', `${opts.name} exited with ${code} before it was ready: ${child.log.trim()}`));
    proc.once('exit', onExit);
    proc.stdout.setEncoding('utf8').on('data', function onData(c: string) {
      buffered += c;
      const nl = buffered.indexOf('\n');
      if (nl < 0) return;
      proc.stdout.off('data', onData);
      proc.stdout.resume();
      clearTimeout(timer);
      proc.off('exit', onExit);
      try {
        resolve({ child, announcement: JSON.parse(buffered.slice(0, nl)) as unknown });
      } catch {
        fail(new BenchError('child-exited', `${opts.name} announced something that is not JSON: ${buffered.slice(0, nl)}`));
      }
    });
  });
}
