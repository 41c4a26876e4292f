// The queue-proxy container of a revision pod, run in process by @knot/queue-proxy on the pod's host ports.
import {
  AUTOSCALING_QUEUE_METRICS_PORT,
  AUTOSCALING_QUEUE_METRICS_PORT_NAME,
  BACKEND_HTTP_PORT,
  parseQueueProxyEnv,
  QUEUE_ADMIN_PORT,
  QUEUE_ADMIN_PORT_NAME,
  QUEUE_PORT_NAME,
  USER_QUEUE_METRICS_PORT,
  USER_QUEUE_METRICS_PORT_NAME,
  type QueueProxyProbe,
} from '@knot/api';
import { start, type QueueProxyDeps } from '@knot/queue-proxy';
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import { podPorts } from './pod-ports.js';
import { LOCAL_POD_IP } from './port-allocator.js';
import type { SidecarFactory } from './sidecar.js';

/** Knative's name for the sidecar container. */
export const QUEUE_PROXY_CONTAINER_NAME = 'queue-proxy';

export type QueueProxySidecarOptions = Pick<QueueProxyDeps, 'drainQuietMs' | 'closeGraceMs' | 'probeTimings' | 'reportPeriodMs'>;

/**
 * Starts queue-proxy from its container's env (the contract the Revision
 * reconciler writes), with every port it declares replaced by the pod's host
 * port: its own serving, admin, stats and metrics ports, and USER_PORT and
 * the readiness probes' ports by the user container's host port.
 */
export function queueProxySidecar(opts: QueueProxySidecarOptions = {}): SidecarFactory {
  return async ({ pod, container, env, clock, logger }) => {
    const spec = pod.spec;
    const own = (name: string, containerPort: number) => container.ports?.find((p) => p.name === name)?.hostPort ?? container.ports?.find((p) => p.containerPort === containerPort)?.hostPort ?? 0;
    const serving = own(QUEUE_PORT_NAME, Number(env.QUEUE_SERVING_PORT) || BACKEND_HTTP_PORT);
    const declaredUser = Number(env.USER_PORT);
    const user = userHostPort(spec, container, declaredUser);
    const parsed = parseQueueProxyEnv({ ...env, USER_PORT: String(user ?? env.USER_PORT), ...(serving ? { QUEUE_SERVING_PORT: String(serving) } : {}) });
    const config = { ...parsed, readinessProbes: parsed.readinessProbes.map((p) => probeOnHost(p, spec, container)) };
    const running = await start({
      ...opts,
      config,
      ports: {
        serving,
        admin: own(QUEUE_ADMIN_PORT_NAME, QUEUE_ADMIN_PORT),
        stats: own(AUTOSCALING_QUEUE_METRICS_PORT_NAME, AUTOSCALING_QUEUE_METRICS_PORT),
        metrics: own(USER_QUEUE_METRICS_PORT_NAME, USER_QUEUE_METRICS_PORT),
      },
      host: LOCAL_POD_IP,
      userHost: LOCAL_POD_IP,
      clock,
      logger,
      // Stopped through drain(), never by a signal of its own.
      signal: new AbortController().signal,
    });
    return { ready: () => running.ready(), drain: () => running.drain(), done: running.done };
  };
}

/** The host port of `containerPort` in the pod's other containers (where the user container listens). */
function userHostPort(spec: PodSpec | undefined, sidecar: Container, containerPort: number): number | undefined {
  return podPorts(spec).find((p) => p.container !== sidecar.name && p.containerPort === containerPort)?.hostPort;
}

function probeOnHost(probe: QueueProxyProbe, spec: PodSpec | undefined, sidecar: Container): QueueProxyProbe {
  const port = (n: number) => userHostPort(spec, sidecar, n) ?? n;
  if (probe.httpGet) return { ...probe, httpGet: { ...probe.httpGet, port: port(probe.httpGet.port) } };
  if (probe.tcpSocket) return { ...probe, tcpSocket: { ...probe.tcpSocket, port: port(probe.tcpSocket.port) } };
  if (probe.grpc) return { ...probe, grpc: { ...probe.grpc, port: port(probe.grpc.port) } };
  return probe;
}
