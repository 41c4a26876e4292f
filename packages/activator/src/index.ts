// @knot/activator: buffers and load-balances requests for revisions that have
// no ready pods or not enough spare capacity, and reports demand to the
// autoscaler. `start(deps)` is what main.ts and the local platform call.
import http from 'node:http';
import http2 from 'node:http2';
import type { Socket } from 'node:net';
import { ACTIVATOR_QUEUE_DEPTH, ACTIVATOR_REPORT_INTERVAL_MS, core, serving, SERVICE_PORT_NAME_H2C, targetAddress } from '@knot/api';
import { closeServer, createMetricsRegistry, createProbeServer, handleAll, listen, Readiness, SharedInformerFactory, type ComponentDeps, type RunningComponent, type TimerHandle } from '@knot/runtime';
import { createProber } from './backends/prober.js';
import { RevisionBackends } from './backends/revision-backends.js';
import { ActivatorMetrics } from './metrics/activator-metrics.js';
import { createActivatorHandler } from './proxy/activator-handler.js';
import { H2cSessions } from './proxy/h2c-sessions.js';
import { writeRawError } from './proxy/upgrade-admission.js';
import { RevisionRegistry } from './revisions/revision-registry.js';
import { ConcurrencyReporter } from './stats/concurrency-reporter.js';
import { StatReporter } from './stats/stat-reporter.js';

export { policyNameFor, type LbPolicyName } from './throttler/lb-policy.js';

export interface ActivatorPorts {
  /** HTTP/1.1 (Knative's 8012). */
  readonly http: number;
  /** h2c with prior knowledge (8013). */
  readonly http2: number;
  /** Prometheus `/metrics`, `/healthz` and `/readyz` (9090). */
  readonly metrics: number;
}

export interface ActivatorDeps extends ComponentDeps {
  /** 0 picks a free port; `start` reports the bound ones. */
  readonly ports: ActivatorPorts;
  readonly host?: string;
  /** The autoscaler's stat websocket, e.g. ws://autoscaler.knative-serving.svc.cluster.local:8080. */
  readonly autoscalerUrl: string;
  /** This activator's name in its stats. */
  readonly podName: string;
  /**
   * This activator's IP as revisions' public Endpoints list it in proxy mode;
   * with it, activators in one revision's path split its pods. Without it
   * every pod is used.
   */
  readonly podIP?: string;
  /** Drives the random-choice-2 balancing; default Math.random. */
  readonly random?: () => number;
  /** After the signal, keep serving this long with readiness failing, so endpoints move away first; default 0. */
  readonly drainMs?: number;
  readonly queueDepth?: number;
  /** Default 200 ms between probes of a pod that is not ready yet. */
  readonly probeIntervalMs?: number;
  /** Default 300 ms. */
  readonly probeTimeoutMs?: number;
  readonly reportIntervalMs?: number;
  /** After the drain, how long requests in flight may take before their connections are cut; default 10 s. */
  readonly closeGraceMs?: number;
}

export interface RunningActivator extends RunningComponent {
  readonly ports: ActivatorPorts;
  readonly readiness: Readiness;
  /** Resolves true once the Revision and Endpoints caches are filled (and readiness passes). */
  readonly synced: Promise<boolean>;
  /** A revision as the activator holds it now: probed pods, requests waiting and in flight; undefined when not seen yet. */
  revisionState(namespace: string, name: string): RevisionState | undefined;
}

export interface RevisionState {
  readonly pods: number;
  readonly waiting: number;
  readonly inFlight: number;
}

const DEFAULT_CLOSE_GRACE_MS = 10_000;

/** Headers larger than this get 431; Node's default, stated so it cannot drift. */
const MAX_HEADER_BYTES = 16 * 1024;

export async function start(deps: ActivatorDeps): Promise<RunningActivator> {
  const log = deps.logger.child({ component: 'activator' });
  const { clock } = deps;
  const queueDepth = deps.queueDepth ?? ACTIVATOR_QUEUE_DEPTH;
  const readiness = new Readiness();
  const registry = createMetricsRegistry();
  const metrics = new ActivatorMetrics(registry);
  const agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  const h2c = new H2cSessions();

  const informers = new SharedInformerFactory({ client: deps.client, clock, logger: log });
  const revisionInformer = informers.informerFor(serving.revisions);
  const endpointsInformer = informers.informerFor(core.endpoints);
  const backends = new RevisionBackends({
    clock,
    probe: createProber({ clock, timeoutMs: deps.probeTimeoutMs ?? 300, agent, h2c }),
    intervalMs: deps.probeIntervalMs ?? 200,
    // Called only after probes, when `revisions` exists.
    onHealthy: (key, healthy) => revisions.healthyChanged(key, healthy),
    logger: log,
  });
  // Filled once the listeners are bound, before the informers deliver anything.
  const bound: { ports?: ActivatorPorts } = {};
  const self = (portName: string): string | undefined => {
    const p = bound.ports;
    if (deps.podIP === undefined || !p) return undefined;
    return targetAddress({ ip: deps.podIP, port: portName === SERVICE_PORT_NAME_H2C ? p.http2 : p.http });
  };
  const revisions = new RevisionRegistry({ revisions: revisionInformer.lister, endpoints: endpointsInformer.lister, backends, metrics, clock, random: deps.random ?? Math.random, queueDepth, self });
  revisionInformer.addEventHandler({ onAdd: (r) => revisions.revisionChanged(r), onUpdate: (_, r) => revisions.revisionChanged(r), onDelete: (r) => revisions.revisionDeleted(r) });
  endpointsInformer.addEventHandler(handleAll((ep) => revisions.endpointsChanged(ep)));

  const statReporter = new StatReporter({ url: deps.autoscalerUrl, clock, logger: log });
  const concurrency = new ConcurrencyReporter({ entries: () => revisions.entries(), sink: statReporter, clock, podName: deps.podName, intervalMs: deps.reportIntervalMs ?? ACTIVATOR_REPORT_INTERVAL_MS });

  let synced = false;
  const handler = createActivatorHandler({ registry: revisions, readiness, synced: () => synced, clock, queueDepth, poke: (e) => concurrency.poke(e), agent, h2c });
  // No overall request timeout of node's own: each revision's timeoutSeconds bounds its requests.
  const server1 = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 0 }, handler.request);
  server1.on('upgrade', handler.upgrade);
  server1.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    writeRawError(socket, status, `malformed request: ${err.code ?? err.message}`);
  });
  const server2 = http2.createServer({ maxSessionMemory: 64 }, handler.request);
  const sessions = new Set<http2.ServerHttp2Session>();
  server2.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
    s.on('error', () => s.destroy());
  });
  const metricsServer = createProbeServer({ readiness, registry, logger: log });

  const servers = [server1, metricsServer];
  let ports: ActivatorPorts;
  try {
    ports = {
      http: await listen(server1, deps.ports.http, deps.host),
      http2: await listen(server2 as unknown as http.Server, deps.ports.http2, deps.host),
      metrics: await listen(metricsServer, deps.ports.metrics, deps.host),
    };
  } catch (err) {
    for (const s of [...servers, server2]) s.close();
    throw err;
  }

  bound.ports = ports;
  informers.start();
  statReporter.start();
  concurrency.start();
  const syncedPromise = informers.waitForSync(deps.signal).then((ok) => {
    synced = ok;
    if (ok) readiness.setReady(true);
    return ok;
  });
  log.info({ ports, autoscaler: deps.autoscalerUrl }, 'activator serving');

  const done = new Promise<void>((resolve) => {
    const stop = async () => {
      readiness.drain();
      const drainMs = deps.drainMs ?? 0;
      if (drainMs > 0) await new Promise<void>((r) => clock.setTimeout(r, drainMs));
      for (const s of sessions) s.close();
      const closed = Promise.all([closeServer(server1), new Promise<void>((r) => server2.close(() => r()))]);
      // Requests still in flight after the grace period are cut, so stopping always ends.
      const graceMs = deps.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS;
      let timer: TimerHandle | undefined;
      if (graceMs > 0) await Promise.race([closed, new Promise<void>((r) => (timer = clock.setTimeout(r, graceMs)))]);
      if (timer) clock.clearTimeout(timer);
      server1.closeAllConnections();
      for (const s of sessions) s.destroy();
      await closed;
      concurrency.stop();
      statReporter.stop();
      backends.stop();
      await informers.stop();
      agent.destroy();
      h2c.close();
      await closeServer(metricsServer);
      log.info({}, 'activator stopped');
    };
    const run = () => void stop().catch((err: unknown) => log.error({ err }, 'activator stop failed')).finally(resolve);
    if (deps.signal.aborted) run();
    else deps.signal.addEventListener('abort', run, { once: true });
  });
  const revisionState = (namespace: string, name: string): RevisionState | undefined => {
    const entry = revisions.get(`${namespace}/${name}`);
    return entry && { pods: entry.throttler.podCount, waiting: entry.throttler.waiting, inFlight: entry.stats.inFlight };
  };
  return { ports, readiness, synced: syncedPromise, revisionState, done };
}
