// Runs `knot` in process against a MemoryStore: what most CLI tests use.
import { PassThrough, Readable } from 'node:stream';
import type { KubeObject, ResourceType } from '@knot/api';
import { MemoryStore, type Clock } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { runCli } from '../cli.js';
import type { ConnectOptions } from '../cli-io.js';
import type { PodLogs } from '../logs/pod-logs.js';

export interface KnotRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export interface HarnessOptions {
  readonly store?: MemoryStore;
  /** The context's namespace; default `default`. */
  readonly namespace?: string;
  readonly clock?: Clock;
  readonly logs?: PodLogs;
  readonly cwd?: string;
}

export interface Harness {
  readonly store: MemoryStore;
  readonly clock: Clock;
  /** The connect options of the last run. */
  readonly connects: ConnectOptions[];
  run(argv: readonly string[], opts?: { stdin?: string; signal?: AbortSignal }): Promise<KnotRun>;
}

export const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);

export function knotHarness(opts: HarnessOptions = {}): Harness {
  const clock = opts.clock ?? new FakeClock(T0);
  const store = opts.store ?? new MemoryStore({ clock, initialNamespaces: ['default', 'team-a'] });
  const connects: ConnectOptions[] = [];
  return {
    store,
    clock,
    connects,
    async run(argv, runOpts = {}) {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let out = '';
      let err = '';
      stdout.on('data', (c: Buffer) => (out += c.toString()));
      stderr.on('data', (c: Buffer) => (err += c.toString()));
      const code = await runCli(argv, {
        stdout,
        stderr,
        env: {},
        cwd: opts.cwd ?? process.cwd(),
        clock,
        ...(runOpts.stdin !== undefined ? { stdin: Readable.from([runOpts.stdin]) } : {}),
        ...(runOpts.signal ? { signal: runOpts.signal } : {}),
        connect: (c) => {
          connects.push(c);
          return Promise.resolve({ client: store, namespace: opts.namespace ?? 'default', ...(opts.logs ? { logs: opts.logs } : {}) });
        },
      });
      return { code, out, err };
    },
  };
}

/** Creates the object, then writes its status (which create drops for kinds with a status subresource). */
export async function seed<T extends KubeObject>(store: MemoryStore, rt: ResourceType<T>, obj: T): Promise<T> {
  const created = await store.create(rt, obj);
  const status = (obj as { status?: unknown }).status;
  if (status === undefined || !rt.hasStatus) return created;
  return store.updateStatus(rt, { ...created, status });
}

export const ready = (reason?: string) => ({ type: 'Ready', status: 'True' as const, ...(reason ? { reason } : {}) });
