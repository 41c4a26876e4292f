import { dataPathResult } from '../testing/reports.js';
import { parseResult } from './parse-result.js';
import { renderResults, renderTargets } from './render.js';

/** The rendered markdown, after a round trip through the JSON file as the docs generator reads it. */
const rendered = () => renderResults([parseResult(JSON.stringify(dataPathResult()), 'data-path.json')]);
const rowOf = (md: string, first: string) => md.split('\n').find((l) => l.startsWith(`| ${first} |`));

describe('the data-path tables', () => {
  test('the machine, the versions and the method head the section', () => {
    const md = rendered();
    expect(md).toContain('### Data path (2026-11-22)');
    expect(md).toContain('Machine: 2 cores (Test CPU), 2,048 MB, Linux 6, 1-minute load average 0.25 at the start; Node v24.21.0; peer knative.dev/serving/cmd/queue@v0.50.0; load from wrk 4.1.0.');
    expect(md).toContain('Medians of 2 runs. Saturation: 1 wrk thread, 64 connections, 3 s. Latency: 2 fixed connections');
  });

  test('a result from before the load average was recorded leaves it out', () => {
    const r = dataPathResult();
    const md = renderResults([parseResult(JSON.stringify({ ...r, machine: { ...r.machine, loadAverageAtStart: undefined } }), 'data-path.json')]);
    expect(md).toContain('Machine: 2 cores (Test CPU), 2,048 MB, Linux 6; Node v24.21.0;');
  });

  test.each([
    { name: 'direct', first: 'direct to the app', row: '| direct to the app | 60,000 | 1.00× | 30,000 | 0.040 | 0.080 | 0.160 | 0 |' },
    { name: 'knot queue-proxy with its share of direct', first: 'knot queue-proxy', row: '| knot queue-proxy | 40,000 | 0.67× | 20,000 | 0.140 | 0.280 | 0.560 | 0 |' },
    { name: 'a path not measured says why', first: 'knot gateway + knot queue-proxy', row: '| knot gateway + knot queue-proxy | not measured yet: packages/gateway does not export start(deps) yet |  |  |  |  |  |  |' },
    { name: 'a hop with its added latency', first: 'queue-proxy', row: '| queue-proxy | 0.100 | 0.200 | 0.400 | knot-queue-proxy − direct |' },
    { name: 'a hop not measured', first: 'gateway', row: '| gateway | – | – | – | knot-gateway − knot-queue-proxy |' },
    { name: 'memory and CPU per request', first: 'queue-proxy | 55.5', row: '| queue-proxy | 55.5 | 12.5 | 70.0 | 71.5 |' },
    { name: 'memory without a CPU figure', first: 'activator | 92.8', row: '| activator | 92.8 | 40.1 | 118.8 | – |' },
    { name: 'a failed target stands out', first: 'activator idle resident memory', row: '| activator idle resident memory | ≤ 60.0 MB | 92.8 MB | **FAIL** |' },
    { name: 'a passed target', first: 'queue-proxy saturation throughput / direct', row: '| queue-proxy saturation throughput / direct | ≥ 0.60× | 0.67× | pass |' },
    { name: 'a target not measured', first: 'gateway hop: added p50 latency', row: '| gateway hop: added p50 latency | ≤ 0.300 ms | not measured | not measured |' },
  ])('$name', ({ first, row }) => {
    expect(rowOf(rendered(), first)).toBe(row);
  });

  test('the throughput ratios are stated', () => {
    expect(rendered()).toContain("knot queue-proxy / direct 0.67, knot queue-proxy / Knative's 2.67, Knative's queue-proxy / direct 0.25.");
  });
});

test('other benchmarks get their targets table, after the data path', () => {
  const other = { benchmark: 'cold-start', date: '2026-11-23T00:00:00Z', machine: { cores: 4 }, targets: [{ id: 'p50', description: 'cold start p50', limit: 100, unit: 'ms', kind: 'max', measured: 80, pass: true }] };
  const md = renderResults([parseResult(JSON.stringify(other), 'cold-start.json'), parseResult(JSON.stringify(dataPathResult()), 'data-path.json')]);
  expect(md.indexOf('### Data path')).toBeLessThan(md.indexOf('### cold-start (2026-11-23, 4 cores)'));
  expect(md).toContain('| cold start p50 | ≤ 100.000 ms | 80.000 ms | pass |');
});

test('no results at all', () => {
  expect(renderResults([])).toBe('_No results yet._');
  expect(renderTargets([]).split('\n')).toHaveLength(2);
});
