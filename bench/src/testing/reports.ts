// Hand-made wrk reports and results for the tests of the pure parts.
import { hopSpecs, pathSpecs } from '../data-path/paths.js';
import type { DataPathResult } from '../data-path/result.js';
import { summarizeHops, summarizePaths, summarizeRatios, type PathSamples } from '../data-path/summarize.js';
import { evaluateTargets } from '../data-path/targets.js';
import type { WrkReport } from '../data-path/wrk.js';

/** A report for `rps` requests per second over one second, with the given latency percentiles in µs. */
export function wrkReport(rps: number, latencyUs: { p50: number; p90?: number; p99?: number } = { p50: 100 }, errors: Partial<WrkReport['errors']> = {}): WrkReport {
  const p90 = latencyUs.p90 ?? latencyUs.p50 * 2;
  const p99 = latencyUs.p99 ?? latencyUs.p50 * 4;
  return {
    requests: rps,
    durationUs: 1_000_000,
    bytes: rps * 120,
    errors: { connect: 0, read: 0, write: 0, status: 0, timeout: 0, ...errors },
    latencyUs: { min: 10, mean: latencyUs.p50, max: p99 * 2, p50: latencyUs.p50, p90, p99, p999: p99 * 2 },
  };
}

/** wrk's text output with the report line that wrk-report.lua prints. */
export function wrkOutput(report: WrkReport): string {
  return [
    'Running 1s test @ http://127.0.0.1:8080/',
    '  1 threads and 2 connections',
    `${report.requests} requests in 1.00s, 1.00MB read`,
    `WRK_JSON ${JSON.stringify(report)}`,
    '',
  ].join('\n');
}

/** A whole data-path result as main.ts assembles it, from made-up runs; the gateway was not measured. */
export function dataPathResult(): DataPathResult {
  const runs = (id: PathSamples['id'], rps: number, p50: number): PathSamples => ({ id, saturation: [wrkReport(rps), wrkReport(rps)], latency: [wrkReport(rps / 2, { p50 }), wrkReport(rps / 2, { p50 })] });
  const paths = summarizePaths(pathSpecs(), [
    runs('direct', 60_000, 40),
    runs('knot-queue-proxy', 40_000, 140),
    runs('knative-queue-proxy', 15_000, 280),
    runs('knot-activator', 20_000, 600),
    { id: 'knot-gateway', notMeasured: 'packages/gateway does not export start(deps) yet' },
  ]);
  const partial: Omit<DataPathResult, 'targets'> = {
    benchmark: 'data-path',
    date: '2026-11-22T12:00:00.000Z',
    machine: { cores: 2, cpuModel: 'Test CPU', memoryMb: 2048, os: 'Linux 6', loadAverageAtStart: 0.25 },
    node: 'v24.21.0',
    peers: { knativeQueueProxy: 'knative.dev/serving/cmd/queue@v0.50.0', loadGenerator: 'wrk 4.1.0' },
    method: { runs: 2, warmupSeconds: 1, saturationSeconds: 3, saturationConnections: 64, latencySeconds: 3, latencyConnections: 2, latencyTargetRps: 30_000, wrkThreads: 1, responseBytes: 12 },
    paths,
    hops: summarizeHops(paths, hopSpecs()),
    memory: [
      { process: 'queue-proxy', idleRssMb: 55.5, idleAnonMb: 12.5, loadedRssMb: 70, cpuUsPerRequest: 71.5 },
      { process: 'activator', idleRssMb: 92.8, idleAnonMb: 40.1, loadedRssMb: 118.8 },
    ],
    ratios: summarizeRatios(paths),
  };
  return { ...partial, targets: evaluateTargets(partial) };
}

/** What `fn` throws, for asserting on an error's code and message. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
