import { DEFAULT_CONFIG_DEPLOYMENT, DEFAULT_CONFIG_FEATURES, parseQueueProxyEnv, type ConfigFeatures, type QueueProxyEnv } from '@knot/api';
import type { Container } from 'kubernetes-types/core/v1.js';
import { RevisionResourceError } from '../revision-error.js';
import { buildContext, rev, type RevisionOptions } from '../testing/revision-fixtures.js';
import { makePodSpec } from './make-pod-spec.js';
import { makeQueueContainer, type RevisionBuildContext } from './make-queue-container.js';
import { DEFAULT_QUEUE_OBSERVABILITY } from './queue-observability.js';

/** The environment queue-proxy starts with: literal values, and the downward-API ones as the kubelet fills them in. */
function envOf(c: Container): Record<string, string> {
  const downward: Record<string, string> = { 'metadata.name': 'hello-00001-deployment-7d4b9-xk2lp', 'status.podIP': '10.0.0.7', 'status.hostIP': '192.168.1.4' };
  return Object.fromEntries((c.env ?? []).map((e) => [e.name, e.valueFrom?.fieldRef ? (downward[e.valueFrom.fieldRef.fieldPath] ?? '') : (e.value ?? '')]));
}

const queueOf = (opts: RevisionOptions = {}, ctx: RevisionBuildContext = buildContext()) => makeQueueContainer(rev(opts), ctx);
const parsed = (opts: RevisionOptions = {}, ctx?: RevisionBuildContext): QueueProxyEnv => parseQueueProxyEnv(envOf(queueOf(opts, ctx)));
function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

const features = (f: Partial<ConfigFeatures>) => buildContext({ features: { ...DEFAULT_CONFIG_FEATURES, ...f } });

describe('the queue-proxy container', () => {
  test('its environment meets the contract queue-proxy parses', () => {
    expect(parsed()).toEqual<QueueProxyEnv>({
      servingNamespace: 'default',
      servingService: 'hello',
      servingConfiguration: 'hello',
      servingRevision: 'hello-00001',
      servingPod: 'hello-00001-deployment-7d4b9-xk2lp',
      servingPodIP: '10.0.0.7',
      queueServingPort: 8012,
      queueServingTLSPort: 8112,
      userPort: 8080,
      containerConcurrency: 0,
      revisionTimeoutSeconds: 300,
      revisionResponseStartTimeoutSeconds: 0,
      revisionIdleTimeoutSeconds: 0,
      servingLoggingConfig: '',
      servingLoggingLevel: '',
      servingRequestLogTemplate: '',
      servingEnableRequestLog: false,
      servingEnableProbeRequestLog: false,
      servingRequestMetricsBackend: 'prometheus',
      servingRequestMetricsReportingPeriodSeconds: 5,
      metricsCollectorAddress: '',
      tracingConfigBackend: 'none',
      tracingConfigZipkinEndpoint: '',
      tracingConfigDebug: false,
      tracingConfigSampleRate: 0.1,
      systemNamespace: 'knative-serving',
      metricsDomain: 'knative.dev/internal/serving',
      readinessProbes: [{ tcpSocket: { port: 8080, host: '127.0.0.1' }, successThreshold: 1 }],
      enableProfiling: false,
      hostIP: '192.168.1.4',
      enableHTTP2AutoDetection: false,
      enableHTTPFullDuplex: false,
      rootCA: '',
      enableMultiContainerProbes: false,
    });
  });

  test('name, image, ports, probe and security as Knative sets them', () => {
    const { env: _env, ...c } = queueOf();
    expect(c).toEqual({
      name: 'queue-proxy',
      image: DEFAULT_CONFIG_DEPLOYMENT.queueSidecarImage,
      resources: { requests: { cpu: '25m' } },
      ports: [
        { name: 'http-queueadm', containerPort: 8022 },
        { name: 'http-autometric', containerPort: 9090 },
        { name: 'http-usermetric', containerPort: 9091 },
        { name: 'queue-port', containerPort: 8012 },
        { name: 'https-port', containerPort: 8112 },
      ],
      readinessProbe: { successThreshold: 1, httpGet: { port: 8012, httpHeaders: [{ name: 'K-Network-Probe', value: 'queue' }] } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
    });
  });

  test('the probe text is the JSON Knative writes', () => {
    const probe = envOf(queueOf({ spec: { containers: [{ name: 'u', image: 'i', readinessProbe: { httpGet: { path: '/ready', port: 0 }, periodSeconds: 2 } }] } })).SERVING_READINESS_PROBE;
    expect(probe).toBe('{"httpGet":{"path":"/ready","port":8080,"host":"127.0.0.1","scheme":"HTTP"},"timeoutSeconds":1,"periodSeconds":2}');
  });

  test.each<{ name: string; opts: RevisionOptions; ctx?: RevisionBuildContext; want: Partial<QueueProxyEnv> }>([
    {
      name: 'an h2c revision serves on 8013',
      opts: { spec: { containers: [{ name: 'u', image: 'i', ports: [{ name: 'h2c', containerPort: 9000 }] }] } },
      want: { queueServingPort: 8013, userPort: 9000, readinessProbes: [] },
    },
    {
      name: 'serving settings of the spec',
      opts: { spec: { containerConcurrency: 10, timeoutSeconds: 60, responseStartTimeoutSeconds: 20, idleTimeoutSeconds: 5 } },
      want: { containerConcurrency: 10, revisionTimeoutSeconds: 60, revisionResponseStartTimeoutSeconds: 20, revisionIdleTimeoutSeconds: 5 },
    },
    {
      name: 'a probe port of its own is kept',
      opts: { spec: { containers: [{ name: 'u', image: 'i', readinessProbe: { tcpSocket: { port: 8181 } } }] } },
      want: { readinessProbes: [{ tcpSocket: { port: 8181, host: '127.0.0.1' } }] },
    },
    {
      name: 'an exec probe becomes a TCP dial of the user port',
      opts: { spec: { containers: [{ name: 'u', image: 'i', readinessProbe: { exec: { command: ['ok'] }, periodSeconds: 1 } }] } },
      want: { readinessProbes: [{ tcpSocket: { port: 8080, host: '127.0.0.1' }, timeoutSeconds: 1, periodSeconds: 1 }] },
    },
    {
      name: 'a gRPC probe keeps its service',
      opts: { spec: { containers: [{ name: 'u', image: 'i', ports: [{ containerPort: 9000 }], readinessProbe: { grpc: { port: 0, service: 'health' } } }] } },
      want: { readinessProbes: [{ grpc: { port: 9000, service: 'health' } }] },
    },
    { name: 'the owning Configuration and its Service', opts: {}, want: { servingConfiguration: 'hello', servingService: 'hello' } },
    { name: 'http full duplex by annotation', opts: { annotations: { 'features.knative.dev/http-full-duplex': 'Enabled' } }, want: { enableHTTPFullDuplex: true } },
    { name: 'HTTP/2 auto-detection from config-features', opts: {}, ctx: features({ autoDetectHTTP2: 'Enabled' }), want: { enableHTTP2AutoDetection: true } },
    {
      name: 'multi-container probing adds the sidecars’ probes',
      opts: {
        spec: {
          containers: [
            { name: 'app', image: 'a', ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: '/', port: 0 } } },
            { name: 'side', image: 's', readinessProbe: { tcpSocket: { port: 9100 } } },
            { name: 'exec-side', image: 'e', readinessProbe: { exec: { command: ['ok'] } } },
          ],
        },
      },
      ctx: features({ multiContainerProbing: 'Enabled' }),
      want: {
        enableMultiContainerProbes: true,
        readinessProbes: [{ httpGet: { path: '/', port: 8080, host: '127.0.0.1', scheme: 'HTTP' } }, { tcpSocket: { port: 9100, host: '127.0.0.1' } }],
      },
    },
  ])('$name', ({ opts, ctx, want }) => {
    expect(parsed(opts, ctx)).toMatchObject(want);
  });

  test('the configuration is taken from the controlling owner, not from labels', () => {
    const r = rev();
    if (r.metadata) r.metadata.ownerReferences = [];
    expect(parseQueueProxyEnv(envOf(makeQueueContainer(r, buildContext()))).servingConfiguration).toBe('');
  });

  test('a sidecar probe without a port cannot be probed by queue-proxy', () => {
    const opts: RevisionOptions = { spec: { containers: [{ name: 'app', image: 'a', ports: [{ containerPort: 8080 }] }, { name: 'side', image: 's', readinessProbe: { httpGet: { path: '/', port: 0 } } }] } };
    const err = catchError(() => queueOf(opts, features({ multiContainerProbing: 'Enabled' })));
    expect(err).toBeInstanceOf(RevisionResourceError);
    expect(err).toMatchObject({ code: 'SidecarProbePort', message: 'sidecar readiness probe does not define probe port on container: side' });
  });

  test('no user probe means no queue-proxy probe and no probe text', () => {
    const c = queueOf({ spec: { containers: [{ name: 'u', image: 'i' }] } });
    expect(c).not.toHaveProperty('readinessProbe');
    expect(c.env).toContainEqual({ name: 'SERVING_READINESS_PROBE' });
  });

  test('profiling opens the profiling port', () => {
    const ctx: RevisionBuildContext = { ...buildContext(), observability: { ...DEFAULT_QUEUE_OBSERVABILITY, enableProfiling: true } };
    const c = queueOf({}, ctx);
    expect(c.ports).toContainEqual({ name: 'profiling-port', containerPort: 8008 });
    expect(parseQueueProxyEnv(envOf(c)).enableProfiling).toBe(true);
  });

  test.each<{ name: string; annotations?: Record<string, string>; config?: Partial<typeof DEFAULT_CONFIG_DEPLOYMENT>; resourceDefaults?: boolean; want: Container['resources'] }>([
    { name: 'config-deployment default', want: { requests: { cpu: '25m' } } },
    {
      name: 'config-deployment values',
      config: { queueSidecarCpuRequest: '50m', queueSidecarMemoryLimit: '200Mi', queueSidecarEphemeralStorageRequest: '1Gi' },
      want: { requests: { cpu: '50m', 'ephemeral-storage': '1Gi' }, limits: { memory: '200Mi' } },
    },
    {
      name: 'annotations win over config',
      annotations: { 'queue.sidecar.serving.knative.dev/cpu-resource-request': '100m', 'queue.sidecar.serving.knative.dev/memory-resource-limit': '1Gi' },
      want: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
    },
    { name: 'a malformed annotation is ignored', annotations: { 'queue.sidecar.serving.knative.dev/cpu-resource-request': 'lots' }, want: { requests: { cpu: '25m' } } },
    {
      name: 'Knative defaults with queueproxy.resource-defaults',
      config: { queueSidecarCpuRequest: undefined },
      resourceDefaults: true,
      want: { requests: { cpu: '25m', memory: '400Mi' }, limits: { cpu: '1000m', memory: '800Mi' } },
    },
  ])('resources: $name', ({ annotations, config, resourceDefaults, want }) => {
    const ctx = buildContext({
      deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, ...config },
      features: { ...DEFAULT_CONFIG_FEATURES, queueProxyResourceDefaults: resourceDefaults ? 'Enabled' : 'Disabled' },
    });
    expect(queueOf({ annotations }, ctx).resources).toEqual(want);
  });
});

describe('queue-proxy volumes', () => {
  test('token audiences are projected into queue-proxy', () => {
    const pod = makePodSpec(rev(), buildContext({ deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, queueSidecarTokenAudiences: ['b-aud', 'a-aud'] } }));
    expect(pod.volumes).toEqual([
      {
        name: 'knative-token-volume',
        projected: {
          sources: [
            { serviceAccountToken: { expirationSeconds: 3600, path: 'a-aud', audience: 'a-aud' } },
            { serviceAccountToken: { expirationSeconds: 3600, path: 'b-aud', audience: 'b-aud' } },
          ],
        },
      },
    ]);
    expect(pod.containers.at(-1)?.volumeMounts).toEqual([{ name: 'knative-token-volume', mountPath: '/var/run/secrets/tokens' }]);
  });

  test.each([
    { name: 'enabled for every revision', flag: 'Enabled' as const, annotation: undefined, mounted: true },
    { name: 'allowed and asked for', flag: 'Allowed' as const, annotation: 'enabled', mounted: true },
    { name: 'allowed but not asked for', flag: 'Allowed' as const, annotation: undefined, mounted: false },
    { name: 'disabled', flag: 'Disabled' as const, annotation: 'enabled', mounted: false },
  ])('pod info: $name', ({ flag, annotation, mounted }) => {
    const r = rev({ annotations: annotation ? { 'features.knative.dev/queueproxy-podinfo': annotation } : {} });
    const pod = makePodSpec(r, features({ queueProxyMountPodInfo: flag }));
    expect(pod.containers.at(-1)?.volumeMounts?.some((m) => m.name === 'pod-info' && m.mountPath === '/etc/podinfo') ?? false).toBe(mounted);
    expect(pod.volumes?.some((v) => v.name === 'pod-info') ?? false).toBe(mounted);
  });
});
