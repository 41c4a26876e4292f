// From the raw wrk reports of every run to the medians, per-hop deltas and
// ratios of the result.
import type { HopSpec, PathId, PathSpec, ProcessName } from './paths.js';
import type { HopResult, LatencySummary, PathResult, Ratios } from './result.js';
import { difference, median, pairedMedian, ratio, round } from './stats.js';
import { errorCount, requestsPerSecond, type WrkReport } from './wrk.js';

/** What one path produced: a saturation and a latency report per run, or why it was not measured. */
export type PathSamples = { readonly id: PathId; readonly saturation: readonly WrkReport[]; readonly latency: readonly WrkReport[] } | { readonly id: PathId; readonly notMeasured: string };

const ms = (us: number) => us / 1000;

export function latencySummary(r: WrkReport): LatencySummary {
  return { rateRps: round(requestsPerSecond(r), 0), p50Ms: ms(r.latencyUs.p50), p90Ms: ms(r.latencyUs.p90), p99Ms: ms(r.latencyUs.p99) };
}

export function summarizePath(spec: PathSpec, samples: PathSamples | undefined): PathResult {
  const base = { id: spec.id, label: spec.label };
  if (!samples) return { ...base, measured: false, reason: 'no samples' };
  if ('notMeasured' in samples) return { ...base, measured: false, reason: samples.notMeasured };
  const saturationRps = samples.saturation.map((r) => round(requestsPerSecond(r), 0));
  const latency = samples.latency.map(latencySummary);
  return {
    ...base,
    measured: true,
    saturationRps: median(saturationRps),
    latency: {
      rateRps: median(latency.map((l) => l.rateRps)),
      p50Ms: median(latency.map((l) => l.p50Ms)),
      p90Ms: median(latency.map((l) => l.p90Ms)),
      p99Ms: median(latency.map((l) => l.p99Ms)),
    },
    runs: { saturationRps, latency },
    errors: [...samples.saturation, ...samples.latency].reduce((n, r) => n + errorCount(r), 0),
  };
}

export function summarizeHops(paths: readonly PathResult[], hops: readonly HopSpec[]): HopResult[] {
  const byId = new Map(paths.map((p) => [p.id, p]));
  const series = (id: PathId, key: 'p50Ms' | 'p90Ms' | 'p99Ms') => byId.get(id)?.runs?.latency.map((l) => l[key]) ?? [];
  return hops.map((h) => {
    const added = (key: 'p50Ms' | 'p90Ms' | 'p99Ms') => {
      const v = pairedMedian(series(h.path, key), series(h.base, key), difference);
      return v === undefined ? undefined : round(v);
    };
    return { ...h, addedP50Ms: added('p50Ms'), addedP90Ms: added('p90Ms'), addedP99Ms: added('p99Ms') };
  });
}

export function summarizeRatios(paths: readonly PathResult[]): Ratios {
  const sat = (id: PathId) => paths.find((p) => p.id === id)?.runs?.saturationRps ?? [];
  const r = (a: PathId, b: PathId) => {
    const v = pairedMedian(sat(a), sat(b), ratio);
    return v === undefined ? undefined : round(v);
  };
  return { queueProxyVsDirect: r('knot-queue-proxy', 'direct'), queueProxyVsKnative: r('knot-queue-proxy', 'knative-queue-proxy'), knativeQueueProxyVsDirect: r('knative-queue-proxy', 'direct') };
}

export function summarizePaths(specs: readonly PathSpec[], samples: readonly PathSamples[]): PathResult[] {
  return specs.map((spec) => summarizePath(spec, samples.find((s) => s.id === spec.id)));
}

/**
 * The latency runs use a fixed connection count: the smallest of `tried` whose
 * throughput on the direct path reached `targetRps` (half its saturation), or
 * the largest tried when none did.
 */
export function chooseConnections(tried: readonly { connections: number; rps: number }[], targetRps: number): number {
  const sorted = [...tried].sort((a, b) => a.connections - b.connections);
  return (sorted.find((t) => t.rps >= targetRps) ?? sorted[sorted.length - 1])?.connections ?? 1;
}

/** One saturation run of one path: the requests wrk completed and the CPU time each process used meanwhile. */
export interface CpuSample {
  readonly path: PathId;
  readonly requests: number;
  readonly cpuMs: ReadonlyMap<ProcessName, number>;
}

/**
 * CPU µs per request of each process, on the path it is the first hop of (the
 * app: direct), median over that path's runs; absent for a process no path
 * starts with or whose runs completed no request.
 */
export function cpuPerRequest(specs: readonly PathSpec[], samples: readonly CpuSample[], processes: readonly ProcessName[]): Map<ProcessName, number> {
  const out = new Map<ProcessName, number>();
  for (const p of processes) {
    const path = p === 'app' ? 'direct' : specs.find((s) => s.via[0] === p)?.id;
    const values = samples.filter((s) => s.path === path && s.requests > 0 && s.cpuMs.has(p)).map((s) => (s.cpuMs.get(p)! * 1000) / s.requests);
    if (values.length > 0) out.set(p, round(median(values), 1));
  }
  return out;
}
