// Reading bench/results/*.json back for the docs: checked field by field, so a
// hand-edited or truncated file fails with the field's name rather than a
// broken table.
import { BenchError } from '../bench-error.js';
import type { DataPathResult } from '../data-path/result.js';
import type { TargetResult } from '../data-path/targets.js';

/** What every result file has, whatever the benchmark. */
export interface AnyResult {
  readonly benchmark: string;
  readonly date: string;
  readonly machine: { readonly cores: number };
  readonly targets: readonly TargetResult[];
}

type Rec = Record<string, unknown>;

function obj(v: unknown, where: string): Rec {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new BenchError('bad-result', `${where} must be an object`);
  return v as Rec;
}
function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new BenchError('bad-result', `${where} must be an array`);
  return v;
}
function str(v: unknown, where: string): string {
  if (typeof v !== 'string') throw new BenchError('bad-result', `${where} must be a string`);
  return v;
}
function num(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new BenchError('bad-result', `${where} must be a number`);
  return v;
}
function optNum(v: unknown, where: string): void {
  if (v !== undefined && v !== null) num(v, where);
}

function checkTarget(v: unknown, where: string): void {
  const t = obj(v, where);
  str(t.id, `${where}.id`);
  str(t.description, `${where}.description`);
  num(t.limit, `${where}.limit`);
  if (!['ms', 'x', 'MB'].includes(str(t.unit, `${where}.unit`))) throw new BenchError('bad-result', `${where}.unit must be ms, x or MB`);
  if (!['max', 'min'].includes(str(t.kind, `${where}.kind`))) throw new BenchError('bad-result', `${where}.kind must be max or min`);
  optNum(t.measured, `${where}.measured`);
  if (t.pass !== null && typeof t.pass !== 'boolean') throw new BenchError('bad-result', `${where}.pass must be true, false or null`);
}

export function parseResult(text: string, file: string): AnyResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new BenchError('bad-result', `${file} is not JSON: ${(err as Error).message}`);
  }
  const r = obj(raw, file);
  str(r.benchmark, `${file}: benchmark`);
  str(r.date, `${file}: date`);
  num(obj(r.machine, `${file}: machine`).cores, `${file}: machine.cores`);
  arr(r.targets, `${file}: targets`).forEach((t, i) => checkTarget(t, `${file}: targets[${i}]`));
  if (r.benchmark === 'data-path') checkDataPath(r, file);
  return raw as AnyResult;
}

function checkDataPath(r: Rec, file: string): void {
  const method = obj(r.method, `${file}: method`);
  for (const k of ['runs', 'saturationSeconds', 'saturationConnections', 'latencySeconds', 'latencyConnections', 'latencyTargetRps', 'wrkThreads']) num(method[k], `${file}: method.${k}`);
  optNum(obj(r.machine, `${file}: machine`).loadAverageAtStart, `${file}: machine.loadAverageAtStart`);
  str(r.node, `${file}: node`);
  const peers = obj(r.peers, `${file}: peers`);
  str(peers.knativeQueueProxy, `${file}: peers.knativeQueueProxy`);
  str(peers.loadGenerator, `${file}: peers.loadGenerator`);
  arr(r.paths, `${file}: paths`).forEach((v, i) => {
    const p = obj(v, `${file}: paths[${i}]`);
    str(p.id, `${file}: paths[${i}].id`);
    str(p.label, `${file}: paths[${i}].label`);
    if (typeof p.measured !== 'boolean') throw new BenchError('bad-result', `${file}: paths[${i}].measured must be a boolean`);
    if (p.measured) {
      num(p.saturationRps, `${file}: paths[${i}].saturationRps`);
      const l = obj(p.latency, `${file}: paths[${i}].latency`);
      for (const k of ['rateRps', 'p50Ms', 'p90Ms', 'p99Ms']) num(l[k], `${file}: paths[${i}].latency.${k}`);
    }
  });
  arr(r.hops, `${file}: hops`).forEach((v, i) => {
    const h = obj(v, `${file}: hops[${i}]`);
    for (const k of ['hop', 'path', 'base']) str(h[k], `${file}: hops[${i}].${k}`);
    for (const k of ['addedP50Ms', 'addedP90Ms', 'addedP99Ms']) optNum(h[k], `${file}: hops[${i}].${k}`);
  });
  arr(r.memory, `${file}: memory`).forEach((v, i) => {
    const m = obj(v, `${file}: memory[${i}]`);
    str(m.process, `${file}: memory[${i}].process`);
    num(m.idleRssMb, `${file}: memory[${i}].idleRssMb`);
    optNum(m.cpuUsPerRequest, `${file}: memory[${i}].cpuUsPerRequest`);
  });
  obj(r.ratios, `${file}: ratios`);
}

export const isDataPath = (r: AnyResult): r is AnyResult & DataPathResult => r.benchmark === 'data-path';
