import { dataPathResult } from '../testing/reports.js';
import type { DataPathResult } from './result.js';
import { DATA_PATH_TARGETS, evaluateTargets } from './targets.js';

const base: Omit<DataPathResult, 'targets'> = {
  ...dataPathResult(),
  hops: [
    { hop: 'queue-proxy', path: 'knot-queue-proxy', base: 'direct', knot: true, addedP50Ms: 0.3, addedP90Ms: 0.5, addedP99Ms: 2.5 },
    { hop: 'activator', path: 'knot-activator', base: 'knot-queue-proxy', knot: true },
  ],
  memory: [{ process: 'queue-proxy', idleRssMb: 59.9, idleAnonMb: 15 }, { process: 'gateway', idleRssMb: 61, idleAnonMb: 20 }],
  ratios: { queueProxyVsDirect: 0.59, queueProxyVsKnative: 1 },
};

const byId = new Map(evaluateTargets(base).map((t) => [t.id, t]));

test.each([
  { name: 'p50 exactly at the limit passes', id: 'queue-proxy-added-p50', measured: 0.3, pass: true },
  { name: 'p99 over the limit fails', id: 'queue-proxy-added-p99', measured: 2.5, pass: false },
  { name: 'a hop not measured is neither', id: 'activator-added-p50', measured: null, pass: null },
  { name: 'a hop missing from the result is neither', id: 'gateway-added-p99', measured: null, pass: null },
  { name: 'throughput just under 60% of direct fails', id: 'queue-proxy-throughput-vs-direct', measured: 0.59, pass: false },
  { name: 'throughput equal to Knative’s passes', id: 'queue-proxy-throughput-vs-knative', measured: 1, pass: true },
  { name: 'memory under 60 MB passes', id: 'queue-proxy-idle-rss', measured: 59.9, pass: true },
  { name: 'memory over 60 MB fails', id: 'gateway-idle-rss', measured: 61, pass: false },
  { name: 'memory of a component not started is neither', id: 'activator-idle-rss', measured: null, pass: null },
])('$name', ({ id, measured, pass }) => {
  expect(byId.get(id)).toMatchObject({ measured, pass });
});

test('every QUALITY.md data-path target is evaluated, with its limit', () => {
  expect(evaluateTargets(base).map((t) => [t.id, t.limit, t.kind])).toEqual(DATA_PATH_TARGETS.map((t) => [t.id, t.limit, t.kind]));
  expect(DATA_PATH_TARGETS).toHaveLength(11);
});
