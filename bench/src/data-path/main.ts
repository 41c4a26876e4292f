// bench/data-path: the same echo app reached directly and through each proxy,
// with the same load generator, in one run. Writes bench/results/data-path.json
// and regenerates the table in docs/benchmarks.md. See docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { access, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { BenchError } from '../bench-error.js';
import { startChild, type Child } from '../process/child.js';
import { freePort, portTaken, waitForOk } from '../process/http-ready.js';
import type { Resident } from '../process/rss.js';
import { updateDocs } from '../report/update-docs.js';
import { KNATIVE_QUEUE_FIXED_PORTS, KNATIVE_SERVING_VERSION, knativeQueueBinary } from './knative-queue.js';
import { hopSpecs, pathSpecs, type PathId, type ProcessName } from './paths.js';
import type { DataPathResult, MemoryResult } from './result.js';
import { HOST, queueProxyEnv, REVISION_HEADERS } from './revision-objects.js';
import { round } from './stats.js';
import { chooseConnections, cpuPerRequest, summarizeHops, summarizePaths, summarizeRatios, type CpuSample, type PathSamples } from './summarize.js';
import { evaluateTargets } from './targets.js';
import { requestsPerSecond, runWrk, type WrkReport } from './wrk.js';

const num = (name: string, fallback: number): number => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(v)}`);
  return n;
};

const RUNS = num('BENCH_RUNS', 3);
const WARMUP_SECONDS = 1;
const SATURATION_SECONDS = num('BENCH_SECONDS', 3);
const LATENCY_SECONDS = num('BENCH_SECONDS', 3);
const SATURATION_CONNECTIONS = 64;
const WRK_THREADS = 1;
const CANDIDATE_CONNECTIONS = [1, 2, 4, 8, 16, 32];
const RESPONSE_BYTES = 'hello world\n'.length;

interface Target {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

const benchRoot = fileURLToPath(new URL('../../', import.meta.url));
const log = (msg: string) => process.stderr.write(`data-path: ${msg}\n`);

async function startRunner(name: string, settings: Record<string, unknown> = {}): Promise<{ child: Child; port: number }> {
  const script = fileURLToPath(new URL(`./runners/${name}.js`, import.meta.url));
  // As the images run them (NODE_ENV=production, no extra flags).
  const env = { ...process.env, NODE_ENV: 'production' };
  const { child, announcement } = await startChild({ name, command: process.execPath, args: [script, JSON.stringify(settings)], env, announces: true });
  const port = (announcement as { ports?: { http?: unknown } } | undefined)?.ports?.http;
  if (typeof port !== 'number') throw new BenchError('child-exited', `${name} announced no http port: ${JSON.stringify(announcement)}`);
  return { child, port };
}

/** `wrk debian/4.1.0-3+b2 [epoll] Copyright …` → `wrk debian/4.1.0-3+b2`. */
const firstWords = (out: string) => (out.split('\n')[0] ?? '').split(' ').slice(0, 2).join(' ').trim();

function versionOf(cmd: string, args: string[]): string {
  try {
    return firstWords(execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (err) {
    // `wrk -v` prints its version and exits 1.
    return firstWords((err as { stdout?: string }).stdout ?? '') || 'unknown';
  }
}

async function main(): Promise<void> {
  const loadAverageAtStart = round(os.loadavg()[0] ?? 0, 2);
  const queueBin = knativeQueueBinary(process.env);
  await access(queueBin).catch(() => {
    throw new Error(`${queueBin} is missing: run scripts/provision/knative-queue.sh first`);
  });
  const children = new Map<ProcessName, Child>();
  const targets = new Map<PathId, Target>();
  const stopAll = () => Promise.all([...children.values()].map((c) => c.stop()));
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  try {
    const app = await startRunner('echo-app');
    children.set('app', app.child);
    targets.set('direct', { url: `http://127.0.0.1:${app.port}/`, headers: {} });

    const qp = await startRunner('queue-proxy', { userPort: app.port });
    children.set('queue-proxy', qp.child);
    targets.set('knot-queue-proxy', { url: `http://127.0.0.1:${qp.port}/`, headers: {} });

    for (const port of KNATIVE_QUEUE_FIXED_PORTS) {
      if (await portTaken(port)) throw new Error(`port ${port} is in use; Knative's queue-proxy always binds it (is one still running?)`);
    }
    const servingPort = await freePort();
    const knative = await startChild({ name: 'knative-queue-proxy', command: queueBin, args: [], env: { ...process.env, ...queueProxyEnv({ servingPort, tlsPort: await freePort(), userPort: app.port }) }, announces: false });
    children.set('knative-queue-proxy', knative.child);
    targets.set('knative-queue-proxy', { url: `http://127.0.0.1:${servingPort}/`, headers: {} });

    for (const [name, id, headers] of [
      ['activator', 'knot-activator', REVISION_HEADERS],
      ['gateway', 'knot-gateway', { Host: HOST }],
    ] as const) {
      const started = await startRunner(name, { queueProxyPort: qp.port });
      children.set(name, started.child);
      targets.set(id, { url: `http://127.0.0.1:${started.port}/`, headers });
    }

    const anyExit = Promise.race(
      [...children].map(([name, c]) => c.exited.then((code) => Promise.reject(new BenchError('child-exited', `${name} exited with ${code}: ${c.log.trim()}`)))),
    );
    anyExit.catch(() => undefined);
    for (const [id, t] of targets) await Promise.race([waitForOk(t.url, t.headers).catch((err: Error) => Promise.reject(new Error(`path ${id}: ${err.message}`))), anyExit]);
    // Let start-up garbage settle before reading idle memory.
    await new Promise((r) => setTimeout(r, 2000));
    const idle = new Map<ProcessName, Resident>();
    for (const [name, child] of children) idle.set(name, await child.resident());
    log(`idle RSS (MB): ${[...idle].map(([n, v]) => `${n} ${v.rssMb.toFixed(1)}`).join(', ')}`);

    const ids = [...targets.keys()];
    const load = (id: PathId, connections: number, seconds: number): Promise<WrkReport> => {
      const t = targets.get(id)!;
      return runWrk({ url: t.url, headers: t.headers, connections, threads: WRK_THREADS, durationSeconds: seconds });
    };
    /** Each run starts with a different path, so no path always follows the same one. */
    const rotated = (run: number) => ids.map((_, i) => ids[(i + run) % ids.length]!);

    for (const id of ids) await load(id, SATURATION_CONNECTIONS, WARMUP_SECONDS);
    const saturation = new Map<PathId, WrkReport[]>(ids.map((id) => [id, []]));
    const cpuSamples: CpuSample[] = [];
    const cpuNow = async () => new Map<ProcessName, number>(await Promise.all([...children].map(async ([name, c]) => [name, await c.cpuMs()] as const)));
    for (let run = 0; run < RUNS; run++) {
      for (const id of rotated(run)) {
        const before = await cpuNow();
        const r = await load(id, SATURATION_CONNECTIONS, SATURATION_SECONDS);
        const after = await cpuNow();
        saturation.get(id)!.push(r);
        cpuSamples.push({ path: id, requests: r.requests, cpuMs: new Map([...after].map(([name, ms]) => [name, ms - (before.get(name) ?? 0)])) });
        log(`run ${run + 1} saturation ${id}: ${requestsPerSecond(r).toFixed(0)} req/s`);
      }
    }

    const directRps = saturation.get('direct')!.map(requestsPerSecond).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    const latencyTargetRps = directRps / 2;
    const tried: { connections: number; rps: number }[] = [];
    for (const connections of CANDIDATE_CONNECTIONS) {
      const rps = requestsPerSecond(await load('direct', connections, 1));
      tried.push({ connections, rps });
      if (rps >= latencyTargetRps) break;
    }
    const latencyConnections = chooseConnections(tried, latencyTargetRps);
    log(`latency runs with ${latencyConnections} connections (direct reached ${tried.map((t) => `${t.connections}: ${t.rps.toFixed(0)}`).join(', ')} req/s; half of saturation is ${latencyTargetRps.toFixed(0)})`);

    const latency = new Map<PathId, WrkReport[]>(ids.map((id) => [id, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const id of rotated(run)) {
        const r = await load(id, latencyConnections, LATENCY_SECONDS);
        latency.get(id)!.push(r);
        log(`run ${run + 1} latency ${id}: p50 ${r.latencyUs.p50} µs, p99 ${r.latencyUs.p99} µs at ${requestsPerSecond(r).toFixed(0)} req/s`);
      }
    }

    const cpu = cpuPerRequest(pathSpecs(), cpuSamples, [...children.keys()]);
    const memory: MemoryResult[] = [];
    for (const [name, child] of children) {
      const before = idle.get(name)!;
      memory.push({ process: name, idleRssMb: round(before.rssMb, 1), idleAnonMb: round(before.anonMb, 1), loadedRssMb: round((await child.resident()).rssMb, 1), cpuUsPerRequest: cpu.get(name) });
    }

    const samples: PathSamples[] = ids.map((id) => ({ id, saturation: saturation.get(id)!, latency: latency.get(id)! }));
    const paths = summarizePaths(pathSpecs(), samples);
    const partial: Omit<DataPathResult, 'targets'> = {
      benchmark: 'data-path',
      date: new Date().toISOString(),
      machine: { cores: os.availableParallelism(), cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(os.totalmem() / 2 ** 20), os: `${os.type()} ${os.release()}`, loadAverageAtStart },
      node: process.version,
      peers: { knativeQueueProxy: `knative.dev/serving/cmd/queue@${process.env.KNATIVE_SERVING_VERSION ?? KNATIVE_SERVING_VERSION}`, loadGenerator: versionOf('wrk', ['-v']) },
      method: {
        runs: RUNS,
        warmupSeconds: WARMUP_SECONDS,
        saturationSeconds: SATURATION_SECONDS,
        saturationConnections: SATURATION_CONNECTIONS,
        latencySeconds: LATENCY_SECONDS,
        latencyConnections,
        latencyTargetRps: Math.round(latencyTargetRps),
        wrkThreads: WRK_THREADS,
        responseBytes: RESPONSE_BYTES,
      },
      paths,
      hops: summarizeHops(paths, hopSpecs()),
      // Every process the bench started: the app, both queue-proxies, the activator and the gateway.
      memory,
      ratios: summarizeRatios(paths),
    };
    const result: DataPathResult = { ...partial, targets: evaluateTargets(partial) };
    await mkdir(`${benchRoot}results`, { recursive: true });
    await writeFile(`${benchRoot}results/data-path.json`, `${JSON.stringify(result, null, 2)}\n`);
    log('wrote bench/results/data-path.json');
    await updateDocs(benchRoot);
    log('regenerated the table in docs/benchmarks.md');
  } finally {
    await stopAll();
  }
}

await main();
