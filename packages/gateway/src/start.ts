import http from 'node:http';
import {
  core,
  GATEWAY_ADMIN_PORT,
  GATEWAY_HTTP_PORT,
  GATEWAY_INTERNAL_HTTP_PORT,
  GATEWAY_INTERNAL_SERVICE_NAME,
  GATEWAY_SERVICE_NAME,
  gatewayLoadBalancers,
  KNOT_INGRESS_CLASS,
  networking,
  SERVING_NAMESPACE,
  serviceHostname,
} from '@knot/api';
import { closeServer, createProbeServer, handleAll, listen, Readiness, SharedInformerFactory, type ComponentDeps, type RunningComponent } from '@knot/runtime';
import type { Endpoints, Service } from 'kubernetes-types/core/v1.js';
import type { Target } from './backends/backend-pool.js';
import { EndpointResolver } from './backends/endpoint-resolver.js';
import { isKnotIngress } from './ingress/ingress-class.js';
import { IngressController } from './ingress/ingress-controller.js';
import { resolveLimits, type GatewayLimits } from './limits.js';
import { GatewayMetrics } from './metrics.js';
import { H2cSessions } from './proxy/h2c-sessions.js';
import type { ProxyEnv } from './proxy/proxy-env.js';
import { createRequestHandler } from './proxy/request-handler.js';
import { handleUpgrade } from './proxy/upgrade.js';
import { Listener } from './server/listener.js';
import type { Listener as ListenerName } from './table/compile-ingress.js';
import { RouteProgrammer } from './table/route-programmer.js';
import type { RouteTable } from './table/route-table.js';

export interface GatewayPorts {
  readonly external: number;
  readonly internal: number;
  readonly admin: number;
}

export interface GatewayDeps extends ComponentDeps {
  /** Ports to listen on (0: any free one); GATEWAY_HTTP_PORT, GATEWAY_INTERNAL_HTTP_PORT and GATEWAY_ADMIN_PORT by default. */
  readonly ports?: Partial<GatewayPorts>;
  /** The address to listen on; all interfaces by default. */
  readonly host?: string;
  /** Where the gateway's Services live; `knative-serving` by default. */
  readonly systemNamespace?: string;
  /** `cluster.local` by default. */
  readonly clusterDomain?: string;
  /** The ingress class served; knot's by default. */
  readonly ingressClass?: string;
  readonly limits?: Partial<GatewayLimits>;
  /** A draw in [0, 1) for weighted splits; Math.random by default. */
  readonly random?: () => number;
  readonly workers?: number;
  /** How long requests in flight may finish after the signal aborts; 30 s by default. */
  readonly drainTimeoutMs?: number;
  readonly metrics?: GatewayMetrics;
}

export interface RunningGateway extends RunningComponent {
  /** The ports actually bound. */
  readonly ports: GatewayPorts;
  /** Resolves true once the caches have synced and the table holds every Ingress; false when stopped first. */
  readonly synced: Promise<boolean>;
  readonly readiness: Readiness;
  readonly metrics: GatewayMetrics;
  /** The routing table now in use. */
  table(): RouteTable;
}

/**
 * Starts the gateway: an external and an internal listener (HTTP/1.1 and h2c
 * each), the admin port (health, readiness, Prometheus), the caches of
 * Ingresses, Services and Endpoints, and the Ingress reconciler.
 */
export async function start(deps: GatewayDeps): Promise<RunningGateway> {
  const limits = resolveLimits(deps.limits);
  const logger = deps.logger.child({ component: 'gateway' });
  const systemNamespace = deps.systemNamespace ?? SERVING_NAMESPACE;
  const clusterDomain = deps.clusterDomain ?? 'cluster.local';
  const ingressClass = deps.ingressClass ?? KNOT_INGRESS_CLASS;
  const host = deps.host ?? '0.0.0.0';
  const metrics = deps.metrics ?? new GatewayMetrics();
  const readiness = new Readiness();

  const informers = new SharedInformerFactory({ client: deps.client, clock: deps.clock, logger });
  const services = informers.informerFor(core.services);
  const endpoints = informers.informerFor(core.endpoints);
  const bound = { external: 0, internal: 0 };
  const loopHost = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  const self = new Map<string, keyof typeof bound>([
    [serviceHostname(GATEWAY_SERVICE_NAME, systemNamespace, clusterDomain), 'external'],
    [serviceHostname(GATEWAY_INTERNAL_SERVICE_NAME, systemNamespace, clusterDomain), 'internal'],
  ]);
  const resolver = new EndpointResolver({
    service: (ns, name) => services.lister.get(ns, name),
    endpoints: (ns, name) => endpoints.lister.get(ns, name),
    // A DomainMapping's route Service names this gateway: dial our own listener, no DNS needed.
    loopback: (externalName, h2c): Target | undefined => {
      const which = self.get(externalName);
      return which ? { host: loopHost, port: bound[which], h2c } : undefined;
    },
  });
  const invalidate = handleAll((obj: Service | Endpoints) => resolver.invalidate(obj.metadata?.namespace, obj.metadata?.name));
  services.addEventHandler(invalidate);
  endpoints.addEventHandler(invalidate);
  const programmer = new RouteProgrammer(resolver, (table) => metrics.table(table.hosts('external').length, table.hosts('internal').length, table.ingressCount));
  const controller = new IngressController({ client: deps.client, informers, clock: deps.clock, logger, programmer, loadBalancers: gatewayLoadBalancers(systemNamespace, clusterDomain), ingressClass, workers: deps.workers });

  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024, scheduling: 'lifo' });
  const sessions = new H2cSessions();
  const random = deps.random ?? Math.random;
  const listenerFor = (name: ListenerName): Listener => {
    const env: ProxyEnv = { listener: name, table: () => programmer.table, random, limits, metrics, clock: deps.clock, agent, sessions };
    return new Listener({
      limits,
      onRequest: createRequestHandler(env),
      onUpgrade: (req, socket, head) => handleUpgrade(env, req, socket, head),
      onClientError: (code) => metrics.failure(name, code === 'HPE_HEADER_OVERFLOW' ? 'headers_too_large' : 'bad_request'),
    });
  };
  const external = listenerFor('external');
  const internal = listenerFor('internal');
  const admin = createProbeServer({ readiness, registry: metrics.registry, logger });

  let adminPort: number;
  try {
    bound.external = await external.listen(deps.ports?.external ?? GATEWAY_HTTP_PORT, host);
    bound.internal = await internal.listen(deps.ports?.internal ?? GATEWAY_INTERNAL_HTTP_PORT, host);
    adminPort = await listen(admin, deps.ports?.admin ?? GATEWAY_ADMIN_PORT, host);
  } catch (err) {
    // A port in use must not leave the other listeners holding theirs.
    await Promise.allSettled([external.close(0, () => () => undefined), internal.close(0, () => () => undefined), closeServer(admin)]);
    agent.destroy();
    throw err;
  }
  resolver.invalidateAll();
  logger.info({ external: bound.external, internal: bound.internal, admin: adminPort }, 'gateway listening');

  informers.start();
  const synced = (async () => {
    if (!(await informers.waitForSync(deps.signal))) return false;
    // Serve every Ingress before reporting ready, so a new replica never answers 404 for a known host.
    for (const ing of informers.listerFor(networking.ingresses).list()) if (isKnotIngress(ing, ingressClass)) programmer.program(ing);
    readiness.setReady(true);
    return true;
  })();

  const drainMs = deps.drainTimeoutMs ?? 30_000;
  const setTimer = (fn: () => void, ms: number) => {
    const handle = deps.clock.setTimeout(fn, ms);
    return () => deps.clock.clearTimeout(handle);
  };
  const done = (async () => {
    const reconciling = controller.run(deps.signal);
    if (!deps.signal.aborted) await new Promise<void>((resolve) => deps.signal.addEventListener('abort', () => resolve(), { once: true }));
    readiness.drain();
    logger.info({}, 'draining');
    try {
      await Promise.all([external.close(drainMs, setTimer), internal.close(drainMs, setTimer)]);
    } finally {
      sessions.close();
      agent.destroy();
      await reconciling;
      await informers.stop();
      await closeServer(admin);
    }
  })();
  return { done, ports: { ...bound, admin: adminPort }, synced, readiness, metrics, table: () => programmer.table };
}
