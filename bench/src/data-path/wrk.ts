// Running wrk (a separate, efficient C process, so the load generator does not
// share an event loop with what it measures) and reading the JSON line that
// wrk-report.lua prints.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../bench-error.js';

export interface WrkReport {
  readonly requests: number;
  readonly durationUs: number;
  readonly bytes: number;
  readonly errors: { readonly connect: number; readonly read: number; readonly write: number; readonly status: number; readonly timeout: number };
  readonly latencyUs: { readonly min: number; readonly mean: number; readonly max: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly p999: number };
}

export interface WrkRun {
  readonly url: string;
  readonly connections: number;
  readonly threads: number;
  readonly durationSeconds: number;
  readonly headers?: Readonly<Record<string, string>>;
}

const MARKER = 'WRK_JSON ';
/** The script sits beside this module's source; from dist/ the same relative path reaches it. */
export const WRK_SCRIPT = fileURLToPath(new URL('../../src/data-path/wrk-report.lua', import.meta.url));

export function wrkArgs(run: WrkRun, script = WRK_SCRIPT): string[] {
  const args = ['-t', String(run.threads), '-c', String(run.connections), '-d', `${run.durationSeconds}s`, '--timeout', '5s', '-s', script];
  for (const [name, value] of Object.entries(run.headers ?? {})) args.push('-H', `${name}: ${value}`);
  args.push(run.url);
  return args;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

function fields<K extends string>(obj: unknown, keys: readonly K[], where: string): Record<K, number> {
  if (typeof obj !== 'object' || obj === null) throw new BenchError('wrk-bad-report', `wrk report: ${where} is not an object`);
  const rec = obj as Record<string, unknown>;
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = rec[k];
    if (!isCount(v)) throw new BenchError('wrk-bad-report', `wrk report: ${where}${k} is ${JSON.stringify(v)}, not a non-negative number`);
    out[k] = v;
  }
  return out;
}

/** The report in wrk's output; a named error when the line is missing or malformed. */
export function parseWrkOutput(stdout: string): WrkReport {
  const line = stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (line === undefined) throw new BenchError('wrk-no-report', `wrk printed no ${MARKER.trim()} line: ${stdout.slice(0, 200)}`);
  let raw: unknown;
  try {
    raw = JSON.parse(line.slice(MARKER.length));
  } catch (err) {
    throw new BenchError('wrk-bad-report', `wrk report is not JSON: ${(err as Error).message}`);
  }
  const top = fields(raw, ['requests', 'durationUs', 'bytes'] as const, '');
  const rec = raw as Record<string, unknown>;
  return {
    ...top,
    errors: fields(rec.errors, ['connect', 'read', 'write', 'status', 'timeout'] as const, 'errors.'),
    latencyUs: fields(rec.latencyUs, ['min', 'mean', 'max', 'p50', 'p90', 'p99', 'p999'] as const, 'latencyUs.'),
  };
}

export const requestsPerSecond = (r: WrkReport): number => (r.durationUs > 0 ? r.requests / (r.durationUs / 1e6) : 0);
/** Socket errors, timeouts and answers other than 2xx/3xx. */
export const errorCount = (r: WrkReport): number => r.errors.connect + r.errors.read + r.errors.write + r.errors.status + r.errors.timeout;

export function runWrk(run: WrkRun, bin = 'wrk'): Promise<WrkReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, wrkArgs(run), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    child.on('error', (e) => reject(new BenchError('wrk-failed', `wrk could not start: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new BenchError('wrk-failed', `wrk exited with ${code}: ${err.trim() || out.trim()}`));
      try {
        resolve(parseWrkOutput(out));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}
