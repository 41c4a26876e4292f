// QUALITY.md's data-path targets, and how each is read from a result.
import type { DataPathResult } from './result.js';
import type { ProcessName } from './paths.js';

export interface Target {
  readonly id: string;
  readonly description: string;
  readonly limit: number;
  readonly unit: 'ms' | 'x' | 'MB';
  /** `max`: the measured value must not exceed the limit; `min`: it must reach it. */
  readonly kind: 'max' | 'min';
  readonly measure: (r: Omit<DataPathResult, 'targets'>) => number | undefined;
}

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  readonly limit: number;
  readonly unit: Target['unit'];
  readonly kind: Target['kind'];
  /** null when what it needs was not measured. */
  readonly measured: number | null;
  readonly pass: boolean | null;
}

const hop = (name: ProcessName, pct: 'addedP50Ms' | 'addedP99Ms') => (r: Omit<DataPathResult, 'targets'>) => r.hops.find((h) => h.hop === name)?.[pct];
const idle = (name: ProcessName) => (r: Omit<DataPathResult, 'targets'>) => r.memory.find((m) => m.process === name)?.idleRssMb;

const hopTargets = (name: ProcessName): Target[] => [
  { id: `${name}-added-p50`, description: `${name} hop: added p50 latency`, limit: 0.3, unit: 'ms', kind: 'max', measure: hop(name, 'addedP50Ms') },
  { id: `${name}-added-p99`, description: `${name} hop: added p99 latency`, limit: 2, unit: 'ms', kind: 'max', measure: hop(name, 'addedP99Ms') },
];

export const DATA_PATH_TARGETS: readonly Target[] = [
  ...hopTargets('queue-proxy'),
  ...hopTargets('activator'),
  ...hopTargets('gateway'),
  { id: 'queue-proxy-throughput-vs-direct', description: 'queue-proxy saturation throughput / direct', limit: 0.6, unit: 'x', kind: 'min', measure: (r) => r.ratios.queueProxyVsDirect },
  { id: 'queue-proxy-throughput-vs-knative', description: "queue-proxy saturation throughput / Knative's queue-proxy", limit: 1, unit: 'x', kind: 'min', measure: (r) => r.ratios.queueProxyVsKnative },
  { id: 'queue-proxy-idle-rss', description: 'queue-proxy idle resident memory', limit: 60, unit: 'MB', kind: 'max', measure: idle('queue-proxy') },
  { id: 'activator-idle-rss', description: 'activator idle resident memory', limit: 60, unit: 'MB', kind: 'max', measure: idle('activator') },
  { id: 'gateway-idle-rss', description: 'gateway idle resident memory', limit: 60, unit: 'MB', kind: 'max', measure: idle('gateway') },
];

export function evaluateTargets(result: Omit<DataPathResult, 'targets'>, targets: readonly Target[] = DATA_PATH_TARGETS): TargetResult[] {
  return targets.map(({ measure, ...t }) => {
    const measured = measure(result);
    if (measured === undefined || !Number.isFinite(measured)) return { ...t, measured: null, pass: null };
    return { ...t, measured, pass: t.kind === 'max' ? measured <= t.limit : measured >= t.limit };
  });
}
