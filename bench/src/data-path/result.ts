// The shape of bench/results/data-path.json.
import type { PathId, ProcessName } from './paths.js';
import type { TargetResult } from './targets.js';

export interface LatencySummary {
  /** Requests per second the fixed connection count reached on this path. */
  readonly rateRps: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
}

export interface PathResult {
  readonly id: PathId;
  readonly label: string;
  readonly measured: boolean;
  /** Why a path was not measured. */
  readonly reason?: string;
  /** Medians over runs. */
  readonly saturationRps?: number;
  readonly latency?: LatencySummary;
  /** Every run, in order, for whoever wants to see the spread. */
  readonly runs?: { readonly saturationRps: readonly number[]; readonly latency: readonly LatencySummary[] };
  /** Failed requests (socket errors, timeouts, non-2xx/3xx) over all runs. */
  readonly errors?: number;
}

export interface HopResult {
  readonly hop: ProcessName;
  readonly path: PathId;
  readonly base: PathId;
  readonly knot: boolean;
  /** Medians over runs of (path − base) in the same run; absent when either path was not measured. */
  readonly addedP50Ms?: number;
  readonly addedP90Ms?: number;
  readonly addedP99Ms?: number;
}

export interface MemoryResult {
  readonly process: ProcessName;
  /** Right after start and a first request, before any load: VmRSS, what QUALITY.md's target reads. */
  readonly idleRssMb: number;
  /** RssAnon at the same moment: the process's own memory, without the node binary's shared pages. */
  readonly idleAnonMb: number;
  /** After all the load, for comparison. */
  readonly loadedRssMb?: number;
  /**
   * CPU time (user + system) per request during the saturation runs of the
   * path this process is the first hop of (the app: direct), median over runs.
   * Unlike throughput, it does not depend on how many cores the process can use.
   */
  readonly cpuUsPerRequest?: number;
}

export interface Ratios {
  /** Saturation throughput, knot queue-proxy / direct. */
  readonly queueProxyVsDirect?: number;
  /** Saturation throughput, knot queue-proxy / Knative's queue-proxy. */
  readonly queueProxyVsKnative?: number;
  readonly knativeQueueProxyVsDirect?: number;
}

export interface Method {
  readonly runs: number;
  readonly warmupSeconds: number;
  readonly saturationSeconds: number;
  readonly saturationConnections: number;
  readonly latencySeconds: number;
  /** Fixed connection count of the latency runs, calibrated on the direct path (see docs/benchmarks.md). */
  readonly latencyConnections: number;
  /** Half the direct path's median saturation: what the calibration aimed at. */
  readonly latencyTargetRps: number;
  readonly wrkThreads: number;
  readonly responseBytes: number;
}

export interface DataPathResult {
  readonly benchmark: 'data-path';
  readonly date: string;
  readonly machine: {
    readonly cores: number;
    readonly cpuModel: string;
    readonly memoryMb: number;
    readonly os: string;
    /** The 1-minute load average just before the bench started anything: how busy the shared machine already was. */
    readonly loadAverageAtStart?: number;
  };
  readonly node: string;
  readonly peers: { readonly knativeQueueProxy: string; readonly loadGenerator: string };
  readonly method: Method;
  readonly paths: readonly PathResult[];
  readonly hops: readonly HopResult[];
  readonly memory: readonly MemoryResult[];
  readonly ratios: Ratios;
  readonly targets: readonly TargetResult[];
}
