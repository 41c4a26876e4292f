// Shared by the store's tests: temporary data directories, a logger that keeps what it is told, and child processes running the store.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Logger } from '@knot/runtime';

/** A fresh directory under the system's temp dir; `cleanup` removes it. */
export async function tempDataDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'knot-store-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly fields: object;
}

/** A logger that records every line, for asserting on warnings. */
export function recordingLogger(): { logger: Logger; lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at = (level: LoggedLine['level']) => (fields: object, msg = ''): void => void lines.push({ level, msg, fields });
  const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return { logger, lines };
}

// Workspace TypeScript sources run in a plain Node process through the knot bin's module hooks.
const SOURCE_HOOKS = new URL('../../../../cli/bin/source-hooks.js', import.meta.url).href;
const CHILD_MODULE = new URL('./store-child.ts', import.meta.url).href;

export interface StoreChild {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line (seen now or later) that `match` accepts; rejects if the child exits first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** Sends SIGKILL and waits for the exit. */
  kill(): Promise<void>;
}

/** Runs `runStoreChild(args)` from store-child.ts in a child process on this Node. */
export function spawnStoreChild(args: string[]): StoreChild {
  const script = `import { register } from 'node:module'; register(${JSON.stringify(SOURCE_HOOKS)}); const { runStoreChild } = await import(${JSON.stringify(CHILD_MODULE)}); await runStoreChild(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  const watchers = new Set<{ match: (line: string) => boolean; resolve: (line: string) => void }>();
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const w of watchers) {
      if (w.match(line)) {
        watchers.delete(w);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    child,
    lines,
    waitFor: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        watchers.add(w);
        void exited.then(() => {
          if (watchers.delete(w)) reject(new Error(`the store child exited (${child.exitCode ?? child.signalCode}) before the line wanted; stderr: ${stderr}`));
        });
      });
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
