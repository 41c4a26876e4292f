import { wrkReport } from '../testing/reports.js';
import { hopSpecs, pathSpecs } from './paths.js';
import { chooseConnections, cpuPerRequest, summarizeHops, summarizePaths, summarizeRatios, type CpuSample, type PathSamples } from './summarize.js';

/** Three runs per path: saturation at the given rates, latency with the given p50s (µs). */
const samples = (id: PathSamples['id'], rps: number[], p50: number[]): PathSamples => ({
  id,
  saturation: rps.map((r) => wrkReport(r)),
  latency: p50.map((p) => wrkReport(10_000, { p50: p, p90: p * 2, p99: p * 10 })),
});

const measured: PathSamples[] = [
  samples('direct', [60_000, 50_000, 62_000], [40, 50, 45]),
  samples('knot-queue-proxy', [36_000, 30_000, 31_000], [140, 160, 150]),
  samples('knative-queue-proxy', [30_000, 20_000, 31_000], [240, 250, 260]),
  samples('knot-activator', [20_000, 18_000, 19_000], [440, 460, 470]),
  { id: 'knot-gateway', notMeasured: 'packages/gateway does not export start(deps) yet' },
];

describe('summarizePaths', () => {
  const paths = summarizePaths(pathSpecs(), measured);

  test('medians of saturation and latency, every run kept, errors counted', () => {
    expect(paths.find((p) => p.id === 'direct')).toMatchObject({
      measured: true,
      saturationRps: 60_000,
      latency: { rateRps: 10_000, p50Ms: 0.045, p90Ms: 0.09, p99Ms: 0.45 },
      runs: { saturationRps: [60_000, 50_000, 62_000] },
      errors: 0,
    });
  });

  test('a path not measured keeps its reason and has no numbers', () => {
    expect(paths.find((p) => p.id === 'knot-gateway')).toEqual({ id: 'knot-gateway', label: 'knot gateway + knot queue-proxy', measured: false, reason: 'packages/gateway does not export start(deps) yet' });
  });

  test('every path of the spec appears, in its order', () => {
    expect(paths.map((p) => p.id)).toEqual(['direct', 'knot-queue-proxy', 'knative-queue-proxy', 'knot-activator', 'knot-gateway']);
  });

  test('failed requests are summed over saturation and latency runs', () => {
    const withErrors = summarizePaths(pathSpecs(), [{ id: 'direct', saturation: [wrkReport(1, { p50: 1 }, { status: 3 })], latency: [wrkReport(1, { p50: 1 }, { timeout: 2 })] }]);
    expect(withErrors[0]?.errors).toBe(5);
  });
});

describe('summarizeHops', () => {
  const hops = summarizeHops(summarizePaths(pathSpecs(), measured), hopSpecs());
  test.each([
    { name: 'queue-proxy against direct, per run', hop: 'queue-proxy', p50: 0.105, p99: 1.05 },
    { name: 'the activator against the queue-proxy it sends to', hop: 'activator', p50: 0.3, p99: 3 },
    { name: 'Knative’s queue-proxy, for reference', hop: 'knative-queue-proxy', p50: 0.2, p99: 2 },
  ])('$name', ({ hop, p50, p99 }) => {
    const h = hops.find((x) => x.hop === hop);
    expect(h?.addedP50Ms).toBeCloseTo(p50, 6);
    expect(h?.addedP99Ms).toBeCloseTo(p99, 6);
  });

  test('a hop whose path was not measured has no numbers', () => {
    expect(hops.find((h) => h.hop === 'gateway')).toEqual({ hop: 'gateway', path: 'knot-gateway', base: 'knot-queue-proxy', knot: true, addedP50Ms: undefined, addedP90Ms: undefined, addedP99Ms: undefined });
  });
});

test('throughput ratios are medians of per-run ratios', () => {
  const ratios = summarizeRatios(summarizePaths(pathSpecs(), measured));
  // Per run: 0.6, 0.6, 0.5 of direct; 1.2, 1.5, 1 of Knative's.
  expect(ratios).toEqual({ queueProxyVsDirect: 0.6, queueProxyVsKnative: 1.2, knativeQueueProxyVsDirect: 0.5 });
  expect(summarizeRatios(summarizePaths(pathSpecs(), measured.slice(0, 1)))).toEqual({ queueProxyVsDirect: undefined, queueProxyVsKnative: undefined, knativeQueueProxyVsDirect: undefined });
});

describe('chooseConnections', () => {
  test.each([
    { name: 'the fewest connections that reach the rate', tried: [{ connections: 1, rps: 15_000 }, { connections: 2, rps: 45_000 }, { connections: 4, rps: 60_000 }], target: 30_000, want: 2 },
    { name: 'one connection already enough', tried: [{ connections: 1, rps: 40_000 }], target: 30_000, want: 1 },
    { name: 'the most tried when none reaches it', tried: [{ connections: 1, rps: 1_000 }, { connections: 2, rps: 2_000 }], target: 30_000, want: 2 },
    { name: 'order of trying does not matter', tried: [{ connections: 4, rps: 60_000 }, { connections: 2, rps: 45_000 }], target: 30_000, want: 2 },
  ])('$name', ({ tried, target, want }) => {
    expect(chooseConnections(tried, target)).toBe(want);
  });
});

describe('cpuPerRequest', () => {
  const run = (path: CpuSample['path'], requests: number, cpuMs: Record<string, number>): CpuSample => ({ path, requests, cpuMs: new Map(Object.entries(cpuMs)) as CpuSample['cpuMs'] });
  const samples = [
    run('direct', 100_000, { app: 2_000, 'queue-proxy': 10 }),
    run('direct', 50_000, { app: 1_500, 'queue-proxy': 0 }),
    run('direct', 80_000, { app: 2_000 }),
    run('knot-queue-proxy', 40_000, { app: 1_000, 'queue-proxy': 2_800 }),
    run('knot-queue-proxy', 30_000, { app: 800, 'queue-proxy': 2_250 }),
    run('knot-activator', 20_000, { activator: 3_000, 'queue-proxy': 1_500 }),
    run('knot-gateway', 0, { gateway: 10 }),
  ];
  const cpu = cpuPerRequest(pathSpecs(), samples, ['app', 'queue-proxy', 'activator', 'gateway', 'knative-queue-proxy']);

  test.each([
    { name: 'the app on the direct path, median of three runs', process: 'app', us: 25 },
    { name: 'queue-proxy on its own path only, not behind the activator', process: 'queue-proxy', us: 72.5 },
    { name: 'the activator on the path it heads', process: 'activator', us: 150 },
    { name: 'a path that completed no request gives nothing', process: 'gateway', us: undefined },
    { name: 'a process with no samples gives nothing', process: 'knative-queue-proxy', us: undefined },
  ] as const)('$name', ({ process, us }) => {
    expect(cpu.get(process)).toBe(us);
  });
});
