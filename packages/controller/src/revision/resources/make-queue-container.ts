// The queue-proxy sidecar of a revision's pods (Knative 1.18's resources/queue.go).
import {
  AUTOSCALING_QUEUE_METRICS_PORT,
  AUTOSCALING_QUEUE_METRICS_PORT_NAME,
  BACKEND_HTTP2_PORT,
  BACKEND_HTTP_PORT,
  BACKEND_HTTPS_PORT,
  DEFAULT_METRICS_DOMAIN,
  encodeReadinessProbes,
  PROBE_HEADER,
  PROBE_HEADER_VALUE_QUEUE,
  PROFILING_PORT,
  QUEUE_ADMIN_PORT,
  QUEUE_ADMIN_PORT_NAME,
  QUEUE_HTTPS_PORT_NAME,
  QUEUE_PORT_NAME,
  QUEUE_PROXY_ENV,
  SERVICE_LABEL_KEY,
  USER_QUEUE_METRICS_PORT,
  USER_QUEUE_METRICS_PORT_NAME,
  type Revision,
} from '@knot/api';
import type { Container, ContainerPort, EnvVar, Probe } from 'kubernetes-types/core/v1.js';
import type { ServingConfig } from '../../controller-env.js';
import { RevisionResourceError } from '../revision-error.js';
import type { QueueObservability } from './queue-observability.js';
import { makeQueueResources } from './queue-resources.js';
import { QUEUE_CONTAINER_NAME, revisionProtocol, sidecarContainers, userContainer, userPort } from './revision-meta.js';

/** Everything a revision's pod depends on besides the revision itself. */
export interface RevisionBuildContext {
  readonly config: ServingConfig;
  readonly observability: QueueObservability;
  /** The namespace knot's system components run in (SYSTEM_NAMESPACE). */
  readonly systemNamespace: string;
}

const LOCAL_ADDRESS = '127.0.0.1';
const FULL_DUPLEX_ANNOTATION = 'features.knative.dev/http-full-duplex';

/** queue-proxy runs with the restricted pod security profile. */
const QUEUE_SECURITY_CONTEXT = Object.freeze({
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
});

export function makeQueueContainer(rev: Revision, ctx: RevisionBuildContext): Container {
  const { config, observability: o } = ctx;
  const servingPort: ContainerPort = { name: QUEUE_PORT_NAME, containerPort: revisionProtocol(rev) === 'h2c' ? BACKEND_HTTP2_PORT : BACKEND_HTTP_PORT };
  const ports: ContainerPort[] = [
    // The admin port serves health checks and the user container's preStop /wait-for-drain.
    { name: QUEUE_ADMIN_PORT_NAME, containerPort: QUEUE_ADMIN_PORT },
    { name: AUTOSCALING_QUEUE_METRICS_PORT_NAME, containerPort: AUTOSCALING_QUEUE_METRICS_PORT },
    { name: USER_QUEUE_METRICS_PORT_NAME, containerPort: USER_QUEUE_METRICS_PORT },
    ...(o.enableProfiling ? [{ name: 'profiling-port', containerPort: PROFILING_PORT }] : []),
    servingPort,
    { name: QUEUE_HTTPS_PORT_NAME, containerPort: BACKEND_HTTPS_PORT },
  ];

  const user = userContainer(rev.spec);
  const multi = config.features.multiContainerProbing === 'Enabled';
  const port = userPort(rev);
  const userProbe = user?.readinessProbe ? withReadinessDefaults(user.readinessProbe, probePort(user.readinessProbe) || port) : undefined;
  const probes = multi ? [...(userProbe ? [userProbe] : []), ...sidecarProbes(rev)] : userProbe ? [userProbe] : [];

  const configurationOwner = rev.metadata?.ownerReferences?.find((r) => r.controller === true && r.kind === 'Configuration');
  const fullDuplex = rev.metadata?.annotations?.[FULL_DUPLEX_ANNOTATION]?.toLowerCase() === 'enabled';
  const spec = rev.spec;
  const value = (name: string, v: string | number | boolean): EnvVar => (v === '' ? { name } : { name, value: String(v) });
  const field = (name: string, fieldPath: string, apiVersion?: string): EnvVar => ({ name, valueFrom: { fieldRef: { ...(apiVersion ? { apiVersion } : {}), fieldPath } } });
  const E = QUEUE_PROXY_ENV;

  return {
    name: QUEUE_CONTAINER_NAME,
    image: config.deployment.queueSidecarImage,
    resources: makeQueueResources(config.deployment, rev.metadata?.annotations, config.features.queueProxyResourceDefaults === 'Enabled'),
    ports,
    // Until the user declares a probe, queue-proxy's own startup check (a TCP dial of the user port) decides readiness.
    ...(user?.readinessProbe ? { readinessProbe: queueReadinessProbe(user.readinessProbe, servingPort.containerPort) } : {}),
    securityContext: structuredClone(QUEUE_SECURITY_CONTEXT),
    env: [
      value(E.servingNamespace, rev.metadata?.namespace ?? ''),
      value(E.servingService, rev.metadata?.labels?.[SERVICE_LABEL_KEY] ?? ''),
      value(E.servingConfiguration, configurationOwner?.name ?? ''),
      value(E.servingRevision, rev.metadata?.name ?? ''),
      value(E.queueServingPort, servingPort.containerPort),
      value(E.queueServingTLSPort, BACKEND_HTTPS_PORT),
      value(E.containerConcurrency, spec.containerConcurrency ?? 0),
      value(E.revisionTimeoutSeconds, spec.timeoutSeconds ?? 0),
      value(E.revisionResponseStartTimeoutSeconds, spec.responseStartTimeoutSeconds ?? 0),
      value(E.revisionIdleTimeoutSeconds, spec.idleTimeoutSeconds ?? 0),
      field(E.servingPod, 'metadata.name'),
      field(E.servingPodIP, 'status.podIP'),
      value(E.servingLoggingConfig, o.loggingConfig),
      value(E.servingLoggingLevel, o.loggingLevel),
      value(E.servingRequestLogTemplate, o.requestLogTemplate),
      value(E.servingEnableRequestLog, o.enableRequestLog),
      value(E.servingRequestMetricsBackend, o.requestMetricsBackend),
      value(E.servingRequestMetricsReportingPeriodSeconds, o.requestMetricsReportingPeriodSeconds),
      value(E.tracingConfigBackend, o.tracingBackend),
      value(E.tracingConfigZipkinEndpoint, o.tracingZipkinEndpoint),
      value(E.tracingConfigDebug, o.tracingDebug),
      value(E.tracingConfigSampleRate, o.tracingSampleRate),
      value(E.userPort, port),
      value(E.systemNamespace, ctx.systemNamespace),
      value(E.metricsDomain, DEFAULT_METRICS_DOMAIN),
      value(E.readinessProbes, encodeReadinessProbes(probes, multi)),
      value(E.enableProfiling, o.enableProfiling),
      value(E.servingEnableProbeRequestLog, o.enableProbeRequestLog),
      value(E.metricsCollectorAddress, o.metricsCollectorAddress),
      field(E.hostIP, 'status.hostIP', 'v1'),
      value(E.enableHTTP2AutoDetection, config.features.autoDetectHTTP2 === 'Enabled'),
      value(E.enableHTTPFullDuplex, fullDuplex),
      value(E.rootCA, config.deployment.queueSidecarRootCA),
      value(E.enableMultiContainerProbes, multi),
    ],
  };
}

/** The user's probe, kept for its timings, but asking queue-proxy itself, which probes the user container. */
function queueReadinessProbe(user: Probe, servingPort: number): Probe {
  const { exec: _e, httpGet: _h, tcpSocket: _t, grpc: _g, ...timings } = structuredClone(user);
  return { ...timings, httpGet: { port: servingPort, httpHeaders: [{ name: PROBE_HEADER, value: PROBE_HEADER_VALUE_QUEUE }] } };
}

/** The probe as queue-proxy runs it: against 127.0.0.1 on `port`, an exec probe replaced by a TCP dial (Knative's applyReadinessProbeDefaults). */
function withReadinessDefaults(probe: Probe, port: number): Probe {
  const p = structuredClone(probe);
  if (p.httpGet) p.httpGet = { ...p.httpGet, host: LOCAL_ADDRESS, port, scheme: p.httpGet.scheme || 'HTTP' };
  else if (p.tcpSocket) p.tcpSocket = { host: LOCAL_ADDRESS, port };
  else if (p.exec) {
    // The exec probe still runs in the user container; queue-proxy only checks the port.
    delete p.exec;
    p.tcpSocket = { host: LOCAL_ADDRESS, port };
  } else if (p.grpc) p.grpc = { ...p.grpc, port };
  if ((p.periodSeconds ?? 0) > 0 && (p.timeoutSeconds ?? 0) < 1) p.timeoutSeconds = 1;
  return p;
}

/** The port a probe names explicitly, or 0. */
function probePort(p: Probe): number {
  if (p.httpGet) return intValue(p.httpGet.port);
  if (p.tcpSocket) return intValue(p.tcpSocket.port);
  if (p.grpc) return p.grpc.port > 0 ? p.grpc.port : 0;
  return 0;
}

/** IntOrString as Go's IntValue reads it: a numeric string counts, a port name is 0. */
function intValue(v: number | string): number {
  if (typeof v === 'number') return v;
  return /^\d+$/.test(v) ? Number(v) : 0;
}

/** With multi-container probing, sidecars' probes join the user's; an exec probe stays with its container. */
function sidecarProbes(rev: Revision): Probe[] {
  const out: Probe[] = [];
  for (const sc of sidecarContainers(rev.spec)) {
    const probe = sc.readinessProbe;
    if (!probe || probe.exec) continue;
    const port = probePort(probe);
    if (port === 0) throw new RevisionResourceError('SidecarProbePort', `sidecar readiness probe does not define probe port on container: ${sc.name}`);
    out.push(withReadinessDefaults(probe, port));
  }
  return out;
}
