import { DEFAULT_CONFIG_DEFAULTS } from '../../config/config-defaults.js';
import type { ConfigDefaults } from '../../config/config-defaults.js';
import type { ConfigFeatures } from '../../config/config-features.js';
import type { DefaultingContext } from './context.js';
import { resolveDefaultingContext } from './context.js';
import type { Draft } from './context.js';
import { setRevisionSpecDefaults } from './revision-spec.js';

const IMAGE = 'ghcr.io/knative/helloworld-go';

function run(spec: Draft, opts: { defaults?: Partial<ConfigDefaults>; features?: Partial<ConfigFeatures>; original?: unknown; parent?: Draft } = {}): Draft {
  const ctx: DefaultingContext = { defaults: { ...DEFAULT_CONFIG_DEFAULTS, ...opts.defaults }, features: opts.features, original: opts.original };
  const out = structuredClone(spec);
  setRevisionSpecDefaults(out, opts.parent ?? { name: 'hello' }, resolveDefaultingContext(ctx));
  return out;
}

const containers = (spec: Draft) => spec.containers as Draft[];

describe('timeouts and concurrency', () => {
  test.each([
    { name: 'timeout from config', spec: {}, want: { timeoutSeconds: 300, containerConcurrency: 0 } },
    { name: 'zero timeout means the default', spec: { timeoutSeconds: 0 }, want: { timeoutSeconds: 300 } },
    { name: 'given timeout stays', spec: { timeoutSeconds: 60 }, want: { timeoutSeconds: 60 } },
    { name: 'response start only when shorter than the timeout', spec: { timeoutSeconds: 600 }, want: { responseStartTimeoutSeconds: 300 } },
    { name: 'given concurrency stays', spec: { containerConcurrency: 5 }, want: { containerConcurrency: 5 } },
    { name: 'concurrency 0 stays', spec: { containerConcurrency: 0 }, defaults: { containerConcurrency: 10 }, want: { containerConcurrency: 0 } },
    { name: 'concurrency from config', spec: {}, defaults: { containerConcurrency: 10 }, want: { containerConcurrency: 10 } },
    { name: 'idle timeout from config', spec: {}, defaults: { revisionIdleTimeoutSeconds: 30 }, want: { idleTimeoutSeconds: 30 } },
    { name: 'timeout from a changed config', spec: {}, defaults: { revisionTimeoutSeconds: 120, revisionResponseStartTimeoutSeconds: 60 }, want: { timeoutSeconds: 120, responseStartTimeoutSeconds: 60 } },
  ])('$name', ({ spec, defaults, want }) => {
    expect(run({ containers: [{ image: IMAGE }], ...spec }, { defaults })).toMatchObject(want);
  });

  test('no response-start or idle timeout when they equal the timeout or are 0', () => {
    const out = run({ containers: [{ image: IMAGE }] });
    expect(out).not.toHaveProperty('responseStartTimeoutSeconds');
    expect(out).not.toHaveProperty('idleTimeoutSeconds');
  });
});

describe('container names', () => {
  test.each([
    { name: 'single container', spec: { containers: [{ image: IMAGE }] }, want: ['user-container'] },
    { name: 'given name stays', spec: { containers: [{ name: 'app', image: IMAGE }] }, want: ['app'] },
    { name: 'several containers are numbered', spec: { containers: [{ image: IMAGE, ports: [{ containerPort: 8080 }] }, { image: IMAGE }] }, want: ['user-container-0', 'user-container-1'] },
    { name: 'numbers skip given names', spec: { containers: [{ name: 'user-container-0', image: IMAGE }, { image: IMAGE }] }, want: ['user-container-0', 'user-container-1'] },
    { name: 'a taken default name gets a number', spec: { containers: [{ image: IMAGE }], initContainers: [{ name: 'user-container', image: IMAGE }] }, want: ['user-container-0'] },
  ])('$name', ({ spec, want }) => {
    expect(containers(run(spec)).map((c) => c.name)).toEqual(want);
  });

  test('init containers get the init template', () => {
    const out = run({ containers: [{ image: IMAGE }], initContainers: [{ image: IMAGE }, { image: IMAGE }] });
    expect((out.initContainers as Draft[]).map((c) => c.name)).toEqual(['init-container-0', 'init-container-1']);
  });

  test('the name template sees the parent', () => {
    const out = run({ containers: [{ image: IMAGE }] }, { defaults: { userContainerName: '{{.Name}}-app' }, parent: { name: 'hello' } });
    expect(containers(out)[0]!.name).toBe('hello-app');
  });
});

describe('per-container defaults', () => {
  test('the serving container gets a TCP readiness probe', () => {
    const out = run({ containers: [{ image: IMAGE }] });
    expect(containers(out)[0]).toEqual({ name: 'user-container', image: IMAGE, resources: {}, readinessProbe: { successThreshold: 1, tcpSocket: { port: 0 } } });
  });

  test('a given probe keeps its handler and gets Kubernetes thresholds when periodic', () => {
    const out = run({ containers: [{ image: IMAGE, readinessProbe: { httpGet: { path: '/ready' }, periodSeconds: 5 } }] });
    expect(containers(out)[0]!.readinessProbe).toEqual({ httpGet: { path: '/ready' }, periodSeconds: 5, successThreshold: 1, failureThreshold: 3, timeoutSeconds: 1 });
  });

  test('sidecars without ports get no probe; the serving one does', () => {
    const out = run({ containers: [{ image: IMAGE }, { image: IMAGE, ports: [{ containerPort: 8080 }] }] });
    expect(containers(out)[0]).not.toHaveProperty('readinessProbe');
    expect(containers(out)[1]!.readinessProbe).toEqual({ successThreshold: 1, tcpSocket: { port: 0 } });
  });

  test('gRPC probes get an empty service', () => {
    const out = run({ containers: [{ image: IMAGE, livenessProbe: { grpc: { port: 8080 } } }] });
    expect(containers(out)[0]!.livenessProbe).toEqual({ grpc: { port: 8080, service: '' } });
  });

  test('resources from config-defaults fill only what is missing', () => {
    const out = run(
      { containers: [{ image: IMAGE, resources: { requests: { cpu: '1' } } }] },
      { defaults: { revisionCpuRequest: '100m', revisionMemoryLimit: '1Gi' } },
    );
    expect(containers(out)[0]!.resources).toEqual({ requests: { cpu: '1' }, limits: { memory: '1Gi' } });
  });

  test('mounts of read-only sources become read-only', () => {
    const out = run({
      containers: [{ image: IMAGE, volumeMounts: [{ name: 'creds', mountPath: '/c' }, { name: 'scratch', mountPath: '/s' }] }],
      volumes: [{ name: 'creds', secret: { secretName: 's' } }, { name: 'scratch', emptyDir: {} }],
    });
    expect(containers(out)[0]!.volumeMounts).toEqual([{ name: 'creds', mountPath: '/c', readOnly: true }, { name: 'scratch', mountPath: '/s' }]);
  });
});

describe('enableServiceLinks', () => {
  test.each([
    { name: 'set from config on create', spec: {}, original: undefined, want: false },
    { name: 'left alone on update', spec: {}, original: {}, want: undefined },
    { name: 'given value stays', spec: { enableServiceLinks: true }, original: undefined, want: true },
  ])('$name', ({ spec, original, want }) => {
    expect(run({ containers: [{ image: IMAGE }], ...spec }, { original }).enableServiceLinks).toBe(want);
  });
});

describe('secure-pod-defaults', () => {
  test('Enabled hardens every container', () => {
    const out = run({ containers: [{ image: IMAGE }] }, { features: { securePodDefaults: 'Enabled' } });
    expect(containers(out)[0]!.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
      runAsNonRoot: true,
    });
  });

  test('AllowRootBounded leaves the user alone and low ports may still bind', () => {
    const out = run({ containers: [{ image: IMAGE, ports: [{ containerPort: 80 }] }] }, { features: { securePodDefaults: 'AllowRootBounded' } });
    expect(containers(out)[0]!.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
    });
  });

  test('a pod-level seccomp profile and runAsNonRoot are respected', () => {
    const out = run(
      { securityContext: { runAsNonRoot: false, seccompProfile: { type: 'Unconfined' } }, containers: [{ image: IMAGE }] },
      { features: { securePodDefaults: 'Enabled' } },
    );
    expect(containers(out)[0]!.securityContext).toEqual({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  });

  test('off by default', () => {
    expect(containers(run({ containers: [{ image: IMAGE }] }))[0]).not.toHaveProperty('securityContext');
  });
});
