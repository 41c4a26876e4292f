import { DEFAULT_CONFIG_AUTOSCALER, DEFAULT_CONFIG_DEFAULTS, DEFAULT_CONFIG_DEPLOYMENT, type Revision } from '@knot/api';
import type { Container } from 'kubernetes-types/core/v1.js';
import { buildContext, rev } from '../testing/revision-fixtures.js';
import { deploymentHash, initialReplicas, makeDeployment, progressDeadlineSeconds } from './make-deployment.js';
import { userContainers } from './make-pod-spec.js';

const LABELS = {
  'serving.knative.dev/configuration': 'hello',
  'serving.knative.dev/configurationGeneration': '1',
  'serving.knative.dev/configurationUID': 'cfg-hello',
  'serving.knative.dev/service': 'hello',
  'serving.knative.dev/serviceUID': 'svc-hello',
  'serving.knative.dev/revision': 'hello-00001',
  'serving.knative.dev/revisionUID': 'rev-hello-00001',
  app: 'hello-00001',
};

describe('makeDeployment', () => {
  test('a defaulted revision becomes the Deployment Knative makes', () => {
    const d = makeDeployment(rev(), buildContext());
    const { containers, ...pod } = d.spec?.template.spec ?? { containers: [] };
    expect({ ...d, spec: { ...d.spec, template: { ...d.spec?.template, spec: pod } } }).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'hello-00001-deployment',
        namespace: 'default',
        labels: { ...LABELS, 'serving.knative.dev/deployment-hash': deploymentHash(d) },
        ownerReferences: [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: 'hello-00001', uid: 'rev-hello-00001', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 1,
        selector: { matchLabels: { 'serving.knative.dev/revisionUID': 'rev-hello-00001' } },
        progressDeadlineSeconds: 600,
        revisionHistoryLimit: 0,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: LABELS, annotations: { 'kubectl.kubernetes.io/default-container': 'user-container' } },
          spec: {
            terminationGracePeriodSeconds: 300,
            enableServiceLinks: false,
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'serving.knative.dev/revision': 'hello-00001' } } } },
                ],
              },
            },
          },
        },
      },
    });
    expect(containers.map((c) => c.name)).toEqual(['user-container', 'queue-proxy']);
    expect(containers[0]).toEqual({
      name: 'user-container',
      image: 'ghcr.io/knot/hello:1',
      ports: [{ name: 'user-port', containerPort: 8080 }],
      env: [{ name: 'PORT', value: '8080' }, { name: 'K_REVISION', value: 'hello-00001' }, { name: 'K_CONFIGURATION', value: 'hello' }, { name: 'K_SERVICE', value: 'hello' }],
      lifecycle: { preStop: { httpGet: { port: 8022, path: '/wait-for-drain' } } },
      terminationMessagePolicy: 'FallbackToLogsOnError',
    });
  });

  test('routing labels and annotations stay on the revision; user labels and annotations pass', () => {
    const d = makeDeployment(
      rev({ labels: { 'serving.knative.dev/route': 'hello', app: 'mine', team: 'blue' }, annotations: { 'serving.knative.dev/routes': 'hello', 'serving.knative.dev/no-gc': 'true', 'autoscaling.knative.dev/min-scale': '2', note: 'x' } }),
      buildContext(),
    );
    expect(d.metadata?.labels).toEqual({ ...LABELS, app: 'mine', team: 'blue', 'serving.knative.dev/deployment-hash': deploymentHash(d) });
    expect(d.metadata?.labels).not.toHaveProperty('serving.knative.dev/route');
    expect(d.metadata?.labels).not.toHaveProperty('serving.knative.dev/routingState');
    expect(d.metadata?.annotations).toEqual({ 'autoscaling.knative.dev/min-scale': '2', note: 'x' });
    expect(d.spec?.template.metadata?.annotations).toEqual({ 'autoscaling.knative.dev/min-scale': '2', note: 'x', 'kubectl.kubernetes.io/default-container': 'user-container' });
  });

  test('the hash label changes with what the Deployment wants, and only then', () => {
    const hashOf = (ctx = buildContext()) => makeDeployment(rev(), ctx).metadata?.labels?.['serving.knative.dev/deployment-hash'];
    expect(hashOf()).toMatch(/^[0-9a-z]+$/);
    expect(hashOf()).toBe(hashOf());
    expect(hashOf(buildContext({ deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, queueSidecarImage: 'ghcr.io/knot/queue-proxy:2' } }))).not.toBe(hashOf());
    expect(makeDeployment(rev({ annotations: { note: 'x' } }), buildContext()).metadata?.labels?.['serving.knative.dev/deployment-hash']).not.toBe(hashOf());
    const d = makeDeployment(rev(), buildContext());
    const reordered = { ...d, spec: Object.fromEntries(Object.entries(d.spec ?? {}).reverse()) as typeof d.spec };
    expect(deploymentHash(reordered)).toBe(hashOf());
  });

  test.each<{ name: string; annotations?: Record<string, string>; autoscaler?: Partial<typeof DEFAULT_CONFIG_AUTOSCALER>; want: number }>([
    { name: 'config initial-scale', want: 1 },
    { name: 'config initial-scale 3', autoscaler: { initialScale: 3 }, want: 3 },
    { name: 'the annotation wins over config', annotations: { 'autoscaling.knative.dev/initial-scale': '4' }, autoscaler: { initialScale: 3 }, want: 4 },
    { name: 'zero is refused without allow-zero-initial-scale', annotations: { 'autoscaling.knative.dev/initial-scale': '0' }, want: 1 },
    { name: 'zero with allow-zero-initial-scale', annotations: { 'autoscaling.knative.dev/initial-scale': '0' }, autoscaler: { allowZeroInitialScale: true }, want: 0 },
    { name: 'min-scale raises it', annotations: { 'autoscaling.knative.dev/min-scale': '5' }, want: 5 },
    { name: 'the legacy camelCase spelling', annotations: { 'autoscaling.knative.dev/minScale': '3' }, want: 3 },
    { name: 'config min-scale', autoscaler: { minScale: 2 }, want: 2 },
    { name: 'an unreadable annotation falls back to config', annotations: { 'autoscaling.knative.dev/initial-scale': 'lots' }, autoscaler: { initialScale: 2 }, want: 2 },
  ])('replicas: $name', ({ annotations, autoscaler, want }) => {
    const ctx = buildContext({ autoscaler: { ...DEFAULT_CONFIG_AUTOSCALER, ...autoscaler } });
    expect(initialReplicas(rev({ annotations }), ctx)).toBe(want);
    expect(makeDeployment(rev({ annotations }), ctx).spec?.replicas).toBe(want);
  });

  test.each<{ name: string; annotation?: string; configMs?: number; want: number }>([
    { name: 'config default', want: 600 },
    { name: 'config value', configMs: 120_000, want: 120 },
    { name: 'the annotation', annotation: '45s', want: 45 },
    { name: 'an annotation in minutes', annotation: '2m30s', want: 150 },
    { name: 'an unreadable annotation', annotation: 'soon', want: 600 },
  ])('progress deadline: $name', ({ annotation, configMs, want }) => {
    const ctx = buildContext({ deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, ...(configMs ? { progressDeadlineMs: configMs } : {}) } });
    expect(progressDeadlineSeconds(rev({ annotations: annotation ? { 'serving.knative.dev/progress-deadline': annotation } : {} }), ctx)).toBe(want);
  });

  test.each<{ name: string; spec: Partial<Revision['spec']>; check: (pod: NonNullable<ReturnType<typeof makeDeployment>['spec']>['template']['spec']) => void }>([
    {
      name: 'a user affinity replaces the default anti-affinity',
      spec: { affinity: { nodeAffinity: {} } },
      check: (pod) => expect(pod?.affinity).toEqual({ nodeAffinity: {} }),
    },
    {
      name: 'user volumes are kept',
      spec: { volumes: [{ name: 'data', emptyDir: {} }] },
      check: (pod) => expect(pod?.volumes).toEqual([{ name: 'data', emptyDir: {} }]),
    },
    {
      name: 'serving fields never reach the pod spec',
      spec: { containerConcurrency: 5, responseStartTimeoutSeconds: 10, idleTimeoutSeconds: 5, timeoutSeconds: 42 },
      check: (pod) => {
        expect(pod).not.toHaveProperty('containerConcurrency');
        expect(pod).not.toHaveProperty('responseStartTimeoutSeconds');
        expect(pod).not.toHaveProperty('idleTimeoutSeconds');
        expect(pod).not.toHaveProperty('timeoutSeconds');
        expect(pod?.terminationGracePeriodSeconds).toBe(42);
      },
    },
    {
      name: 'an explicit enableServiceLinks is kept',
      spec: { enableServiceLinks: true },
      check: (pod) => expect(pod?.enableServiceLinks).toBe(true),
    },
  ])('pod: $name', ({ spec, check }) => {
    check(makeDeployment(rev({ spec }), buildContext()).spec?.template.spec);
  });

  test('config-deployment chooses the runtime class and can turn the anti-affinity off', () => {
    const ctx = buildContext({
      deployment: { ...DEFAULT_CONFIG_DEPLOYMENT, defaultAffinityType: 'none', runtimeClassNames: [{ name: 'gvisor', selector: {} }] },
      defaults: { ...DEFAULT_CONFIG_DEFAULTS, enableServiceLinks: undefined },
    });
    const pod = makeDeployment(rev(), ctx).spec?.template.spec;
    expect(pod?.runtimeClassName).toBe('gvisor');
    expect(pod).not.toHaveProperty('affinity');
    expect(pod).not.toHaveProperty('enableServiceLinks');
  });
});

describe('user containers', () => {
  const containerOf = (spec: Partial<Revision['spec']>, status?: Revision['status']): Container[] => userContainers(rev({ spec, status }));

  test('the declared port becomes the user port, named by the runtime contract', () => {
    const [c] = containerOf({ containers: [{ name: 'app', image: 'img', ports: [{ name: 'h2c', containerPort: 9000 }], env: [{ name: 'MODE', value: 'fast' }] }] });
    expect(c?.ports).toEqual([{ name: 'user-port', containerPort: 9000 }]);
    expect(c?.env).toEqual([{ name: 'MODE', value: 'fast' }, { name: 'PORT', value: '9000' }, { name: 'K_REVISION', value: 'hello-00001' }, { name: 'K_CONFIGURATION', value: 'hello' }, { name: 'K_SERVICE', value: 'hello' }]);
  });

  test.each<{ name: string; container: Container; want: Partial<Container> }>([
    { name: 'an HTTP readiness probe moves to queue-proxy', container: { name: 'a', image: 'i', readinessProbe: { httpGet: { path: '/ready', port: 0 } } }, want: { readinessProbe: undefined } },
    { name: 'a gRPC readiness probe moves to queue-proxy', container: { name: 'a', image: 'i', readinessProbe: { grpc: { port: 9000 } } }, want: { readinessProbe: undefined } },
    { name: 'an exec readiness probe stays with the kubelet', container: { name: 'a', image: 'i', readinessProbe: { exec: { command: ['ready'] } } }, want: { readinessProbe: { exec: { command: ['ready'] } } } },
    { name: 'a liveness probe is pointed at the user port', container: { name: 'a', image: 'i', livenessProbe: { httpGet: { path: '/live', port: 'http' } } }, want: { livenessProbe: { httpGet: { path: '/live', port: 8080 } } } },
    { name: 'stdin and tty are turned off', container: { name: 'a', image: 'i', stdin: true, tty: true }, want: { stdin: undefined, tty: undefined } },
    { name: 'a chosen termination message policy is kept', container: { name: 'a', image: 'i', terminationMessagePolicy: 'File' }, want: { terminationMessagePolicy: 'File' } },
  ])('$name', ({ container, want }) => {
    const [c] = containerOf({ containers: [container] });
    for (const [k, v] of Object.entries(want)) {
      if (v === undefined) expect(c).not.toHaveProperty(k);
      else expect(c?.[k as keyof Container]).toEqual(v);
    }
  });

  test('a sidecar gets the K_ variables and the drain hook but no port', () => {
    const [, side] = containerOf({
      containers: [
        { name: 'app', image: 'a', ports: [{ containerPort: 8080 }] },
        { name: 'side', image: 's', readinessProbe: { tcpSocket: { port: 9100 } } },
      ],
    });
    expect(side).toEqual({
      name: 'side',
      image: 's',
      env: [{ name: 'K_REVISION', value: 'hello-00001' }, { name: 'K_CONFIGURATION', value: 'hello' }, { name: 'K_SERVICE', value: 'hello' }],
      lifecycle: { preStop: { httpGet: { port: 8022, path: '/wait-for-drain' } } },
      terminationMessagePolicy: 'FallbackToLogsOnError',
    });
  });

  test('a resolved digest replaces the image tag', () => {
    const [c] = containerOf({}, { containerStatuses: [{ name: 'user-container', imageDigest: 'ghcr.io/knot/hello@sha256:abc' }] });
    expect(c?.image).toBe('ghcr.io/knot/hello@sha256:abc');
  });

  test('a revision outside any Service leaves K_SERVICE empty', () => {
    const r = rev();
    delete r.metadata?.labels?.['serving.knative.dev/service'];
    expect(userContainers(r)[0]?.env).toContainEqual({ name: 'K_SERVICE' });
  });
});
