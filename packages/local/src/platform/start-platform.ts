// The whole Serving platform in one process: the controller, the autoscaler,
// the activator, the gateway and the process runtime, all on one Client. This
// is what `knot dev` runs over its embedded store, and what the data-path flow
// tests run over a MemoryStore.
import { start as startActivator, type RunningActivator } from '@knot/activator';
import { core, EVENTING_NAMESPACE, SERVING_NAMESPACE } from '@knot/api';
import { start as startAutoscaler, type RunningAutoscaler } from '@knot/autoscaler';
import { start as startController, type RunningController } from '@knot/controller';
import { start as startGateway, type GatewayPorts, type RunningGateway } from '@knot/gateway';
import type { ComponentDeps, RunningComponent } from '@knot/runtime';
import { LOCAL_POD_IP } from '../pods/port-allocator.js';
import { startProcessRuntime, type ProcessRuntimeDeps, type RunningProcessRuntime } from '../pods/process-runtime.js';
import { activatorObjects, ensureNamespaces, putObject, removeActivator } from './system-objects.js';

/** The namespaces a cluster with knot installed has: Knative's system namespaces and `default`. */
export const PLATFORM_NAMESPACES = [SERVING_NAMESPACE, EVENTING_NAMESPACE, 'default'] as const;

export interface PlatformPorts {
  /** The gateway's external listener (Knative's 8080 behind the LoadBalancer). */
  readonly http: number;
  /** The gateway's cluster-local listener; 0 picks a free port. */
  readonly internal: number;
}

export interface PlatformDeps extends ComponentDeps {
  /** 0 picks a free port; `startPlatform` reports the bound ones. */
  readonly ports: PlatformPorts;
  /** Where the gateway listens; default 127.0.0.1. */
  readonly host?: string;
  /** Options for the process runtime (log directory, host env, sidecar tuning). */
  readonly runtime?: Omit<ProcessRuntimeDeps, keyof ComponentDeps>;
  /** After the signal, how long the activator and gateway let requests in flight finish; default 10 s. */
  readonly drainTimeoutMs?: number;
  /** Draws for the activator's and gateway's random choices; default Math.random. */
  readonly random?: () => number;
}

export interface RunningPlatform extends RunningComponent {
  readonly ports: GatewayPorts;
  readonly controller: RunningController;
  readonly autoscaler: RunningAutoscaler;
  readonly activator: RunningActivator;
  readonly gateway: RunningGateway;
  readonly runtime: RunningProcessRuntime;
  /** Resolves true once every component's caches have synced; false when stopped first. */
  readonly synced: Promise<boolean>;
}

/**
 * Starts every Serving component against `deps.client`. The system
 * components listen on 127.0.0.1 with ports picked at start, and the
 * activator's Endpoints are published so that ServerlessServices in proxy
 * mode point at it. Aborting `deps.signal` stops the pods first (each drains
 * through its queue-proxy), then the components; `done` resolves when all are down.
 */
export async function startPlatform(deps: PlatformDeps): Promise<RunningPlatform> {
  const logger = deps.logger.child({ platform: 'local' });
  const host = deps.host ?? LOCAL_POD_IP;
  const base = { client: deps.client, clock: deps.clock, logger };
  // Components stop on their own signal, after the pods are gone, so a draining pod can still be reached.
  const components = new AbortController();
  const started: RunningComponent[] = [];
  await ensureNamespaces(deps.client, PLATFORM_NAMESPACES);
  try {
    const autoscaler = await startAutoscaler({ ...base, signal: components.signal, ports: { metrics: 0, stats: 0 }, host: LOCAL_POD_IP });
    started.push(autoscaler);
    const activator = await startActivator({
      ...base,
      signal: components.signal,
      ports: { http: 0, http2: 0, metrics: 0 },
      host: LOCAL_POD_IP,
      autoscalerUrl: `ws://${LOCAL_POD_IP}:${autoscaler.ports.stats ?? 0}`,
      podName: 'activator',
      random: deps.random,
      closeGraceMs: deps.drainTimeoutMs,
    });
    started.push(activator);
    const { service, endpoints } = activatorObjects(SERVING_NAMESPACE, LOCAL_POD_IP, activator.ports);
    await putObject(deps.client, core.services, service);
    await putObject(deps.client, core.endpoints, endpoints);

    const controller = startController({ ...base, signal: components.signal });
    started.push(controller);
    const gateway = await startGateway({
      ...base,
      signal: components.signal,
      host,
      ports: { external: deps.ports.http, internal: deps.ports.internal, admin: 0 },
      random: deps.random,
      drainTimeoutMs: deps.drainTimeoutMs,
    });
    started.push(gateway);
    const runtime = startProcessRuntime({ ...deps.runtime, ...base, signal: deps.signal });
    started.push(runtime);

    const synced = Promise.all([controller.synced, autoscaler.synced, activator.synced, gateway.synced]).then((all) => all.every(Boolean));
    const done = (async () => {
      await runtime.done;
      await removeActivator(deps.client, SERVING_NAMESPACE).catch((err: unknown) => logger.warn({ err }, 'removing the activator Endpoints failed'));
      components.abort();
      await Promise.all([controller.done, gateway.done, activator.done, autoscaler.done]);
    })();
    return { ports: gateway.ports, controller, autoscaler, activator, gateway, runtime, synced, done };
  } catch (err) {
    components.abort();
    await Promise.allSettled(started.map((c) => c.done));
    throw err;
  }
}
