// @knot/queue-proxy: the sidecar in every revision pod. It proxies to the user
// container on 127.0.0.1:$USER_PORT with a concurrency limit, per-second stats
// for the autoscaler, the revision's timeouts, readiness from the user's probe
// and a graceful drain. `start(deps)` is what main.ts, the local platform and
// the data-path benchmark call.
import http from 'node:http';
import type { QueueProxyEnv, Stat } from '@knot/api';
import { closeServer, createMetricsRegistry, listen, type Clock, type Logger, type RunningComponent } from '@knot/runtime';
import type { Registry } from 'prom-client';
import { breakerFor } from './breaker.js';
import { Drainer } from './drain/drainer.js';
import { InFlight } from './drain/in-flight.js';
import { RequestMetrics } from './metrics/request-metrics.js';
import { createProbeAttempt } from './probe/probe-attempt.js';
import { ProbeRunner, type ProbeTimings } from './probe/probe-runner.js';
import type { ExchangeContext } from './proxy/exchange.js';
import { createServingHandler } from './proxy/serving-handler.js';
import { UserUpstream } from './proxy/user-upstream.js';
import { createAdminHandler } from './server/admin-handler.js';
import { ServingServer } from './server/serving-server.js';
import { RequestStats } from './stats/request-stats.js';
import { StatReporter } from './stats/stat-reporter.js';
import { createStatsHandler } from './stats/stats-handler.js';

export { Breaker, breakerFor, type AcquireResult, type BreakerWaiter } from './breaker.js';

export interface QueueProxyPorts {
  /** HTTP/1.1 and h2c (prior knowledge) on one port: Knative's 8012, or 8013 for h2c revisions. */
  readonly serving: number;
  /** `/wait-for-drain` and `/healthz` (8022). */
  readonly admin: number;
  /** The autoscaler's `/metrics` stat (9090). */
  readonly stats: number;
  /** Prometheus request metrics (9091). */
  readonly metrics: number;
}

/**
 * What `start` needs. Only `config`, `ports`, `clock`, `logger` and `signal`
 * are required; to put a queue-proxy in front of an app on port P:
 *
 *     start({ config: parseQueueProxyEnv({ ...env, USER_PORT: String(P) }),
 *             ports: { serving: 0, admin: 0, stats: 0, metrics: 0 }, host: '127.0.0.1',
 *             clock: systemClock, logger: noopLogger, signal })
 */
export interface QueueProxyDeps {
  /** The parsed environment contract (`parseQueueProxyEnv`); its ports other than USER_PORT are ignored here. */
  readonly config: QueueProxyEnv;
  /** 0 picks a free port; `start` reports the bound ones. */
  readonly ports: QueueProxyPorts;
  /** Where to listen; default every interface. */
  readonly host?: string;
  /** Where the user container listens; default 127.0.0.1 (the pod's loopback). */
  readonly userHost?: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Aborting it starts the drain, as SIGTERM does. */
  readonly signal: AbortSignal;
  /** The drain ends after this long without a request; default 30 s (Knative's drain sleep). */
  readonly drainQuietMs?: number;
  /** After the drain, how long upgraded connections (and requests) may still run before they are cut; default 60 s or the revision timeout if longer. */
  readonly closeGraceMs?: number;
  /** The stat period; default 1 s. */
  readonly reportPeriodMs?: number;
  /** Readiness probe pacing; Knative's by default. */
  readonly probeTimings?: ProbeTimings;
  /** Add Node process metrics to port 9091; default false (one process may hold many queue-proxies). */
  readonly processMetrics?: boolean;
  /** Larger request heads get 431; default 16 KiB (node's). */
  readonly maxHeaderSize?: number;
}

export interface RunningQueueProxy extends RunningComponent {
  readonly ports: QueueProxyPorts;
  /** Starts the drain (as the signal does) and resolves once everything has stopped. */
  drain(): Promise<void>;
  /** The last complete period's stat, as the stats port serves it. */
  stat(): Stat;
  /** Runs the readiness probe now, as a health check would. */
  ready(): Promise<boolean>;
  readonly registry: Registry;
}

const DEFAULT_QUIET_MS = 30_000;
const DEFAULT_CLOSE_GRACE_MS = 60_000;
const MAX_HEADER_BYTES = 16 * 1024;

export async function start(deps: QueueProxyDeps): Promise<RunningQueueProxy> {
  const { config, clock } = deps;
  const log = deps.logger.child({ component: 'queue-proxy', 'knative.dev/key': `${config.servingNamespace}/${config.servingRevision}` });
  const registry = createMetricsRegistry({ processMetrics: deps.processMetrics ?? false });
  const metrics = new RequestMetrics(registry, {
    namespace_name: config.servingNamespace,
    service_name: config.servingService,
    configuration_name: config.servingConfiguration,
    revision_name: config.servingRevision,
    pod_name: config.servingPod,
  });
  const stats = new RequestStats(clock.now());
  const reporter = new StatReporter({ stats, clock, podName: config.servingPod, periodMs: deps.reportPeriodMs ?? 1000 });
  const upstream = new UserUpstream(deps.userHost ?? '127.0.0.1', config.userPort, config.containerConcurrency);
  const inFlight = new InFlight();
  const ctx: ExchangeContext = {
    clock,
    breaker: breakerFor(config.containerConcurrency),
    stats,
    metrics,
    upstream,
    inFlight,
    timeouts: { totalMs: config.revisionTimeoutSeconds * 1000, responseStartMs: config.revisionResponseStartTimeoutSeconds * 1000, idleMs: config.revisionIdleTimeoutSeconds * 1000 },
  };
  const drainer = new Drainer({ clock, quietMs: deps.drainQuietMs ?? DEFAULT_QUIET_MS });
  const probe = new ProbeRunner({ probes: config.readinessProbes, userPort: config.userPort, clock, attempt: createProbeAttempt(clock), logger: log, ...deps.probeTimings });

  const serving = new ServingServer({ handler: createServingHandler({ ctx, drainer, probe }), maxHeaderSize: deps.maxHeaderSize ?? MAX_HEADER_BYTES });
  const admin = http.createServer(createAdminHandler(drainer));
  const statsServer = http.createServer(createStatsHandler(() => reporter.current));
  const metricsServer = http.createServer((req, res) => void serveMetrics(registry, req, res));

  let ports: QueueProxyPorts;
  try {
    ports = {
      serving: await listen(serving.net as unknown as http.Server, deps.ports.serving, deps.host),
      admin: await listen(admin, deps.ports.admin, deps.host),
      stats: await listen(statsServer, deps.ports.stats, deps.host),
      metrics: await listen(metricsServer, deps.ports.metrics, deps.host),
    };
  } catch (err) {
    serving.net.close();
    for (const s of [admin, statsServer, metricsServer]) s.close();
    upstream.close();
    throw err;
  }
  reporter.start();
  probe.start();
  log.info({ ports, userPort: config.userPort, containerConcurrency: config.containerConcurrency }, 'queue-proxy serving');

  const closeGraceMs = Math.max(deps.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS, ctx.timeouts.totalMs);
  let markStopped!: () => void;
  const done = new Promise<void>((resolve) => (markStopped = resolve));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      log.info({ quietMs: deps.drainQuietMs ?? DEFAULT_QUIET_MS }, 'draining: readiness fails until no request arrives for the quiet period');
      await drainer.drain();
      serving.net.close();
      serving.closeIdle();
      await within(clock, inFlight.idle(), closeGraceMs);
      serving.destroyAll();
      reporter.stop();
      probe.stop();
      drainer.stop();
      upstream.close();
      await Promise.all([admin, statsServer, metricsServer].map((s) => closeAndDrop(s)));
      log.info({}, 'queue-proxy stopped');
    })()
      .catch((err: unknown) => log.error({ err }, 'queue-proxy stop failed'))
      .finally(markStopped);
    return done;
  };

  if (deps.signal.aborted) void stop();
  else deps.signal.addEventListener('abort', () => void stop(), { once: true });

  return {
    ports,
    done,
    registry,
    drain: stop,
    stat: () => reporter.current,
    ready: () => probe.check(),
  };
}

async function serveMetrics(registry: Registry, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
    res.end(req.method === 'HEAD' ? undefined : text);
  } catch {
    res.writeHead(500).end('collecting metrics failed\n');
  }
}

function closeAndDrop(server: http.Server): Promise<void> {
  const closed = closeServer(server).catch(() => undefined);
  server.closeAllConnections();
  return closed;
}

/** `promise`, or nothing after `ms` on the clock. */
function within(clock: Clock, promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = clock.setTimeout(resolve, ms);
    void promise.then(() => {
      clock.clearTimeout(timer);
      resolve();
    });
  });
}
