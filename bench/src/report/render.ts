// The markdown tables in docs/benchmarks.md, generated from bench/results/*.json.
import type { DataPathResult } from '../data-path/result.js';
import type { TargetResult } from '../data-path/targets.js';
import { isDataPath, type AnyResult } from './parse-result.js';

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const fixed = (n: number | undefined, digits: number) => (n === undefined ? '–' : n.toFixed(digits));
const unitText = (value: number, unit: TargetResult['unit']) => (unit === 'x' ? `${value.toFixed(2)}×` : unit === 'ms' ? `${value.toFixed(3)} ms` : `${value.toFixed(1)} MB`);
const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]) => [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');

export function renderTargets(targets: readonly TargetResult[]): string {
  return table(
    ['Target (QUALITY.md)', 'Limit', 'Measured', 'Result'],
    targets.map((t) => [
      t.description,
      `${t.kind === 'max' ? '≤' : '≥'} ${unitText(t.limit, t.unit)}`,
      t.measured === null ? 'not measured' : unitText(t.measured, t.unit),
      t.pass === null ? 'not measured' : t.pass ? 'pass' : '**FAIL**',
    ]),
  );
}

export function renderDataPath(r: DataPathResult): string {
  const m = r.method;
  const direct = r.paths.find((p) => p.id === 'direct')?.saturationRps;
  const header = [
    `### Data path (${r.date.slice(0, 10)})`,
    '',
    `Machine: ${r.machine.cores} cores (${r.machine.cpuModel}), ${int(r.machine.memoryMb)} MB, ${r.machine.os}${r.machine.loadAverageAtStart === undefined ? '' : `, 1-minute load average ${r.machine.loadAverageAtStart.toFixed(2)} at the start`}; Node ${r.node}; peer ${r.peers.knativeQueueProxy}; load from ${r.peers.loadGenerator}.`,
    `Medians of ${m.runs} runs. Saturation: ${m.wrkThreads} wrk thread, ${m.saturationConnections} connections, ${m.saturationSeconds} s. ` +
      `Latency: ${m.latencyConnections} fixed connection${m.latencyConnections === 1 ? '' : 's'} (the fewest that reach half the direct path's saturation, ${int(m.latencyTargetRps)} req/s, on the direct path), ${m.latencySeconds} s; each path's own rate is shown.`,
  ].join('\n');
  const paths = table(
    ['Path', 'Saturation (req/s)', 'vs direct', 'Latency run (req/s)', 'p50 (ms)', 'p90 (ms)', 'p99 (ms)', 'Errors'],
    r.paths.map((p) =>
      p.measured && p.saturationRps !== undefined && p.latency
        ? [p.label, int(p.saturationRps), direct ? `${(p.saturationRps / direct).toFixed(2)}×` : '–', int(p.latency.rateRps), p.latency.p50Ms.toFixed(3), p.latency.p90Ms.toFixed(3), p.latency.p99Ms.toFixed(3), String(p.errors ?? 0)]
        : [p.label, `not measured yet: ${p.reason ?? 'unknown'}`, '', '', '', '', '', ''],
    ),
  );
  const hops = table(
    ['Hop', 'Added p50 (ms)', 'Added p90 (ms)', 'Added p99 (ms)', 'Measured as'],
    r.hops.map((h) => [h.knot ? h.hop : `${h.hop} (reference)`, fixed(h.addedP50Ms, 3), fixed(h.addedP90Ms, 3), fixed(h.addedP99Ms, 3), `${h.path} − ${h.base}`]),
  );
  const memory = table(
    ['Process', 'Idle RSS (MB)', 'of which private (RssAnon, MB)', 'RSS after the load (MB)', 'CPU per request at saturation (µs)'],
    r.memory.map((mem) => [mem.process, mem.idleRssMb.toFixed(1), fixed(mem.idleAnonMb, 1), fixed(mem.loadedRssMb, 1), fixed(mem.cpuUsPerRequest, 1)]),
  );
  const ratios = [
    `Throughput ratios (median of per-run ratios): knot queue-proxy / direct ${fixed(r.ratios.queueProxyVsDirect, 2)}, ` +
      `knot queue-proxy / Knative's ${fixed(r.ratios.queueProxyVsKnative, 2)}, Knative's queue-proxy / direct ${fixed(r.ratios.knativeQueueProxyVsDirect, 2)}.`,
  ].join('\n');
  return [header, paths, ratios, hops, memory, renderTargets(r.targets)].join('\n\n');
}

function renderOther(r: AnyResult): string {
  return [`### ${r.benchmark} (${r.date.slice(0, 10)}, ${r.machine.cores} cores)`, renderTargets(r.targets)].join('\n\n');
}

/** Every result, data path first, then the others by name. */
export function renderResults(results: readonly AnyResult[]): string {
  const sorted = [...results].sort((a, b) => (a.benchmark === 'data-path' ? -1 : b.benchmark === 'data-path' ? 1 : a.benchmark.localeCompare(b.benchmark)));
  if (sorted.length === 0) return '_No results yet._';
  return sorted.map((r) => (isDataPath(r) ? renderDataPath(r) : renderOther(r))).join('\n\n');
}
