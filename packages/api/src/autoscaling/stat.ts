// The per-pod stat that queue-proxy serves on its autoscaling metrics port and
// the activator pushes to the autoscaler: Knative's autoscaler.Stat, as JSON.
import { FieldErrors, formatFieldErrors, type FieldError } from '../field-error.js';

/** One pod's (or one activator's, per revision) demand over the last reporting period. */
export interface Stat {
  /** The pod that produced it; an activator uses its own pod name. */
  readonly podName: string;
  /** Time-weighted average of in-flight requests over the period. */
  readonly averageConcurrentRequests: number;
  /** The part of `averageConcurrentRequests` that came through the activator (`K-Proxy-Request`). */
  readonly averageProxiedConcurrentRequests: number;
  /** Requests that arrived during the period. */
  readonly requestCount: number;
  /** The part of `requestCount` that came through the activator. */
  readonly proxiedRequestCount: number;
  /** Seconds since the reporting process started. */
  readonly processUptime: number;
  /** When the period ended, in milliseconds since the epoch. */
  readonly timestamp: number;
}

/** A revision's key as the autoscaler indexes it. */
export interface RevisionKey {
  readonly namespace: string;
  readonly name: string;
}

/** What the activator sends per revision over the stat websocket; each frame is a JSON array of them. */
export interface StatMessage {
  readonly key: RevisionKey;
  readonly stat: Stat;
}

/** The path queue-proxy serves stats on, on AUTOSCALING_QUEUE_METRICS_PORT. */
export const STATS_PATH = '/metrics';
/** Ask for the JSON form of a stat with this Accept value; anything else gets Prometheus text. */
export const STATS_CONTENT_TYPE_JSON = 'application/json';
/** The autoscaler's K8s Service that activators connect to on AUTOSCALER_STATS_PORT. */
export const AUTOSCALER_SERVICE_NAME = 'autoscaler';

/** A stat or stat message that failed to parse; `errors` name each bad field. */
export class StatParseError extends Error {
  readonly code = 'ERR_BAD_STAT';
  constructor(readonly errors: readonly FieldError[]) {
    super(formatFieldErrors(errors));
    this.name = 'StatParseError';
  }
}

const NUMBER_FIELDS = ['averageConcurrentRequests', 'averageProxiedConcurrentRequests', 'requestCount', 'proxiedRequestCount', 'processUptime', 'timestamp'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function checkStat(value: unknown, errs: FieldErrors): Stat | undefined {
  if (!isRecord(value)) {
    errs.add('', 'must be an object');
    return undefined;
  }
  if (typeof value.podName !== 'string' || value.podName === '') errs.add('podName', 'must be a non-empty string');
  for (const f of NUMBER_FIELDS) {
    const n = value[f];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) errs.add(f, 'must be a finite number >= 0');
  }
  if (!errs.empty) return undefined;
  const v = value as unknown as Stat;
  return {
    podName: v.podName,
    averageConcurrentRequests: v.averageConcurrentRequests,
    averageProxiedConcurrentRequests: v.averageProxiedConcurrentRequests,
    requestCount: v.requestCount,
    proxiedRequestCount: v.proxiedRequestCount,
    processUptime: v.processUptime,
    timestamp: v.timestamp,
  };
}

/** Validates a decoded JSON stat; throws StatParseError naming every bad field. */
export function parseStat(value: unknown): Stat {
  const errs = new FieldErrors();
  const stat = checkStat(value, errs);
  if (!stat) throw new StatParseError(errs.list);
  return stat;
}

/** Validates one websocket frame (a JSON array of StatMessage); throws StatParseError. */
export function parseStatMessages(value: unknown): StatMessage[] {
  const errs = new FieldErrors();
  if (!Array.isArray(value)) throw new StatParseError([{ path: '', message: 'must be an array of stat messages' }]);
  const out: StatMessage[] = [];
  value.forEach((item: unknown, i) => {
    const at = errs.at(`[${i}]`);
    if (!isRecord(item)) {
      at.add('', 'must be an object');
      return;
    }
    const key = item.key;
    if (!isRecord(key) || typeof key.namespace !== 'string' || key.namespace === '' || typeof key.name !== 'string' || key.name === '') {
      at.add('key', 'must have a non-empty namespace and name');
    }
    const stat = checkStat(item.stat, at.at('stat'));
    if (stat && isRecord(key)) out.push({ key: { namespace: key.namespace as string, name: key.name as string }, stat });
  });
  if (!errs.empty) throw new StatParseError(errs.list);
  return out;
}

// Knative queue-proxy's Prometheus names for the same values, for dashboards and tools.
const PROM_NAMES: readonly (readonly [keyof Stat, string, string])[] = [
  ['requestCount', 'queue_requests_per_second', 'Requests in the last period.'],
  ['proxiedRequestCount', 'queue_proxied_operations_per_second', 'Requests from the activator in the last period.'],
  ['averageConcurrentRequests', 'queue_average_concurrent_requests', 'Time-weighted average of in-flight requests.'],
  ['averageProxiedConcurrentRequests', 'queue_average_proxied_concurrent_requests', 'Time-weighted average of in-flight requests from the activator.'],
  ['processUptime', 'process_uptime', 'Seconds since the process started.'],
];

/** The Prometheus text exposition of a stat, with Knative's metric names and a `destination_pod` label. */
export function formatStatPrometheus(stat: Stat): string {
  const pod = stat.podName.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  let out = '';
  for (const [field, name, help] of PROM_NAMES) {
    out += `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name}{destination_pod="${pod}"} ${stat[field]}\n`;
  }
  return out;
}
