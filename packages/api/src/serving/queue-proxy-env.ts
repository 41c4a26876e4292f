// The environment the revision reconciler gives the queue-proxy sidecar and queue-proxy reads at start:
// Knative 1.18's variable names and meanings (queue.go on one side, sharedmain's config on the other).
import { decodeReadinessProbes, type QueueProxyProbe } from './queue-proxy-env-probe.js';

/** Every variable of the contract, by the field of QueueProxyEnv it fills. */
export const QUEUE_PROXY_ENV = {
  servingNamespace: 'SERVING_NAMESPACE',
  servingService: 'SERVING_SERVICE',
  servingConfiguration: 'SERVING_CONFIGURATION',
  servingRevision: 'SERVING_REVISION',
  queueServingPort: 'QUEUE_SERVING_PORT',
  queueServingTLSPort: 'QUEUE_SERVING_TLS_PORT',
  containerConcurrency: 'CONTAINER_CONCURRENCY',
  revisionTimeoutSeconds: 'REVISION_TIMEOUT_SECONDS',
  revisionResponseStartTimeoutSeconds: 'REVISION_RESPONSE_START_TIMEOUT_SECONDS',
  revisionIdleTimeoutSeconds: 'REVISION_IDLE_TIMEOUT_SECONDS',
  servingPod: 'SERVING_POD',
  servingPodIP: 'SERVING_POD_IP',
  servingLoggingConfig: 'SERVING_LOGGING_CONFIG',
  servingLoggingLevel: 'SERVING_LOGGING_LEVEL',
  servingRequestLogTemplate: 'SERVING_REQUEST_LOG_TEMPLATE',
  servingEnableRequestLog: 'SERVING_ENABLE_REQUEST_LOG',
  servingRequestMetricsBackend: 'SERVING_REQUEST_METRICS_BACKEND',
  servingRequestMetricsReportingPeriodSeconds: 'SERVING_REQUEST_METRICS_REPORTING_PERIOD_SECONDS',
  tracingConfigBackend: 'TRACING_CONFIG_BACKEND',
  tracingConfigZipkinEndpoint: 'TRACING_CONFIG_ZIPKIN_ENDPOINT',
  tracingConfigDebug: 'TRACING_CONFIG_DEBUG',
  tracingConfigSampleRate: 'TRACING_CONFIG_SAMPLE_RATE',
  userPort: 'USER_PORT',
  systemNamespace: 'SYSTEM_NAMESPACE',
  metricsDomain: 'METRICS_DOMAIN',
  readinessProbes: 'SERVING_READINESS_PROBE',
  enableProfiling: 'ENABLE_PROFILING',
  servingEnableProbeRequestLog: 'SERVING_ENABLE_PROBE_REQUEST_LOG',
  metricsCollectorAddress: 'METRICS_COLLECTOR_ADDRESS',
  hostIP: 'HOST_IP',
  enableHTTP2AutoDetection: 'ENABLE_HTTP2_AUTO_DETECTION',
  enableHTTPFullDuplex: 'ENABLE_HTTP_FULL_DUPLEX',
  rootCA: 'ROOT_CA',
  enableMultiContainerProbes: 'ENABLE_MULTI_CONTAINER_PROBES',
} as const;

export type QueueProxyEnvName = (typeof QUEUE_PROXY_ENV)[keyof typeof QUEUE_PROXY_ENV];

/** What queue-proxy knows about its revision and pod, parsed from its environment. */
export interface QueueProxyEnv {
  readonly servingNamespace: string;
  /** '' for a revision without a Service. */
  readonly servingService: string;
  readonly servingConfiguration: string;
  readonly servingRevision: string;
  /** From the downward API: metadata.name and status.podIP. */
  readonly servingPod: string;
  readonly servingPodIP: string;
  /** 8012 (http1) or 8013 (h2c). */
  readonly queueServingPort: number;
  readonly queueServingTLSPort: number;
  /** Where the user container listens. */
  readonly userPort: number;
  /** 0 means unlimited. */
  readonly containerConcurrency: number;
  readonly revisionTimeoutSeconds: number;
  /** 0 means none (then the total timeout applies). */
  readonly revisionResponseStartTimeoutSeconds: number;
  /** 0 means none. */
  readonly revisionIdleTimeoutSeconds: number;
  /** config-logging's zap-logger-config, a JSON text; may be empty. */
  readonly servingLoggingConfig: string;
  /** config-logging's loglevel.queueproxy; '' means the logging config's level. */
  readonly servingLoggingLevel: string;
  readonly servingRequestLogTemplate: string;
  readonly servingEnableRequestLog: boolean;
  readonly servingEnableProbeRequestLog: boolean;
  readonly servingRequestMetricsBackend: string;
  readonly servingRequestMetricsReportingPeriodSeconds: number;
  readonly metricsCollectorAddress: string;
  readonly tracingConfigBackend: string;
  readonly tracingConfigZipkinEndpoint: string;
  readonly tracingConfigDebug: boolean;
  /** 0 .. 1 */
  readonly tracingConfigSampleRate: number;
  readonly systemNamespace: string;
  readonly metricsDomain: string;
  /** The probes queue-proxy runs for readiness; empty when the user declared none (then a TCP dial of the user port). */
  readonly readinessProbes: readonly QueueProxyProbe[];
  readonly enableProfiling: boolean;
  readonly hostIP: string;
  readonly enableHTTP2AutoDetection: boolean;
  readonly enableHTTPFullDuplex: boolean;
  /** PEM of an extra CA for system-internal TLS; may be empty. */
  readonly rootCA: string;
  readonly enableMultiContainerProbes: boolean;
}

/** One bad variable and what is wrong with it. */
export interface QueueProxyEnvProblem {
  readonly variable: QueueProxyEnvName;
  readonly message: string;
}

/** queue-proxy's environment breaks the contract; `problems` names each bad variable. */
export class QueueProxyEnvError extends Error {
  override readonly name = 'QueueProxyEnvError';
  readonly code = 'InvalidQueueProxyEnv';
  readonly problems: readonly QueueProxyEnvProblem[];

  constructor(problems: readonly QueueProxyEnvProblem[]) {
    super(`invalid queue-proxy environment: ${problems.map((p) => `${p.variable}: ${p.message}`).join('; ')}`);
    this.problems = Object.freeze([...problems]);
  }

  /** The first bad variable. */
  get variable(): QueueProxyEnvName | undefined {
    return this.problems[0]?.variable;
  }
}

/** Knative's system namespace and queue-proxy metrics domain, used when the variables are absent. */
export const DEFAULT_METRICS_DOMAIN = 'knative.dev/internal/serving';
const DEFAULT_SYSTEM_NAMESPACE = 'knative-serving';

type Env = Readonly<Record<string, string | undefined>>;
type Field = keyof typeof QUEUE_PROXY_ENV;

/**
 * Parses and checks queue-proxy's environment (as `process.env` holds it).
 * Variables Knative marks required must be present (possibly empty for the
 * logging ones); the others default as in Knative. Throws QueueProxyEnvError
 * listing every bad variable.
 */
export function parseQueueProxyEnv(env: Env): QueueProxyEnv {
  const problems: QueueProxyEnvProblem[] = [];
  const r = new Reader(env, problems);
  const multi = r.bool('enableMultiContainerProbes', false);
  const parsed: QueueProxyEnv = {
    servingNamespace: r.string('servingNamespace', undefined, true),
    servingService: r.string('servingService', ''),
    servingConfiguration: r.string('servingConfiguration', undefined),
    servingRevision: r.string('servingRevision', undefined, true),
    servingPod: r.string('servingPod', undefined, true),
    servingPodIP: r.string('servingPodIP', undefined, true),
    queueServingPort: r.port('queueServingPort'),
    queueServingTLSPort: r.port('queueServingTLSPort'),
    userPort: r.port('userPort'),
    containerConcurrency: r.int('containerConcurrency', undefined),
    revisionTimeoutSeconds: r.int('revisionTimeoutSeconds', undefined),
    revisionResponseStartTimeoutSeconds: r.int('revisionResponseStartTimeoutSeconds', 0),
    revisionIdleTimeoutSeconds: r.int('revisionIdleTimeoutSeconds', 0),
    servingLoggingConfig: r.string('servingLoggingConfig', undefined),
    servingLoggingLevel: r.string('servingLoggingLevel', undefined),
    servingRequestLogTemplate: r.string('servingRequestLogTemplate', ''),
    servingEnableRequestLog: r.bool('servingEnableRequestLog', false),
    servingEnableProbeRequestLog: r.bool('servingEnableProbeRequestLog', false),
    servingRequestMetricsBackend: r.string('servingRequestMetricsBackend', ''),
    servingRequestMetricsReportingPeriodSeconds: r.int('servingRequestMetricsReportingPeriodSeconds', 0),
    metricsCollectorAddress: r.string('metricsCollectorAddress', ''),
    tracingConfigBackend: r.string('tracingConfigBackend', 'none'),
    tracingConfigZipkinEndpoint: r.string('tracingConfigZipkinEndpoint', ''),
    tracingConfigDebug: r.bool('tracingConfigDebug', false),
    tracingConfigSampleRate: r.fraction('tracingConfigSampleRate', 0),
    systemNamespace: r.string('systemNamespace', DEFAULT_SYSTEM_NAMESPACE),
    metricsDomain: r.string('metricsDomain', DEFAULT_METRICS_DOMAIN),
    readinessProbes: r.probes(multi),
    enableProfiling: r.bool('enableProfiling', false),
    hostIP: r.string('hostIP', ''),
    enableHTTP2AutoDetection: r.bool('enableHTTP2AutoDetection', false),
    enableHTTPFullDuplex: r.bool('enableHTTPFullDuplex', false),
    rootCA: r.string('rootCA', ''),
    enableMultiContainerProbes: multi,
  };
  if (problems.length > 0) throw new QueueProxyEnvError(problems);
  return Object.freeze(parsed);
}

// Go's strconv.ParseBool, which envconfig uses.
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Reads one variable at a time, recording problems and returning a placeholder for bad ones. */
class Reader {
  readonly #env: Env;
  readonly #problems: QueueProxyEnvProblem[];

  constructor(env: Env, problems: QueueProxyEnvProblem[]) {
    this.#env = env;
    this.#problems = problems;
  }

  /** `fallback` undefined makes the variable required; `nonEmpty` also refuses an empty value. */
  string(field: Field, fallback: string | undefined, nonEmpty = false): string {
    const raw = this.#raw(field, fallback === undefined);
    if (raw === undefined) return fallback ?? '';
    if (nonEmpty && raw === '') return this.#bad(field, 'must not be empty', '');
    return raw;
  }

  bool(field: Field, fallback: boolean): boolean {
    const raw = this.#raw(field, false);
    if (raw === undefined || raw === '') return fallback;
    if (TRUE.has(raw)) return true;
    if (FALSE.has(raw)) return false;
    return this.#bad(field, `must be true or false, got ${JSON.stringify(raw)}`, fallback);
  }

  int(field: Field, fallback: number | undefined): number {
    const raw = this.#raw(field, fallback === undefined);
    if (raw === undefined || (raw === '' && fallback !== undefined)) return fallback ?? 0;
    if (!/^\+?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) return this.#bad(field, `must be a non-negative integer, got ${JSON.stringify(raw)}`, 0);
    return Number(raw);
  }

  port(field: Field): number {
    const raw = this.#raw(field, true);
    if (raw === undefined) return 0;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= 1 && n <= 65535)) return this.#bad(field, `must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`, 0);
    return n;
  }

  fraction(field: Field, fallback: number): number {
    const raw = this.#raw(field, false);
    if (raw === undefined || raw === '') return fallback;
    const n = /^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= 0 && n <= 1)) return this.#bad(field, `must be a number from 0 to 1, got ${JSON.stringify(raw)}`, fallback);
    return n;
  }

  probes(multiple: boolean): QueueProxyProbe[] {
    const raw = this.#raw('readinessProbes', false) ?? '';
    const decoded = decodeReadinessProbes(raw, multiple);
    return 'problem' in decoded ? this.#bad('readinessProbes', decoded.problem, []) : decoded.value;
  }

  #raw(field: Field, required: boolean): string | undefined {
    const raw = this.#env[QUEUE_PROXY_ENV[field]];
    if (raw === undefined && required) this.#bad(field, 'required but not set', undefined);
    return raw;
  }

  #bad<T>(field: Field, message: string, placeholder: T): T {
    this.#problems.push({ variable: QUEUE_PROXY_ENV[field], message });
    return placeholder;
  }
}
