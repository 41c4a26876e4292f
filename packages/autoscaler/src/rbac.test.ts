// The autoscaler's manifests in deploy/core/autoscaler against its code: the
// rules grant exactly the calls listed below (read off the code), a real run
// makes no call they refuse, and the Deployment and Service agree with the
// ports and environment the code reads.
import { parseAllDocuments } from 'yaml';
import { apps, autoscaling, core, hpa, networking } from '@knot/api';
import { LeaderElector, MemoryStore, noopLogger, readLogLevel } from '@knot/runtime';
import { AuditingClient, eventually, FakeClock, grantsOf, kustomizeDocs, permits, sortedVerbs, summarizeRules, type ManifestDoc } from '@knot/runtime/testing';
import { parseAutoscalerClusterEnv } from './cluster-env.js';
import { FakeMultiScaler } from './reconciler/testing/fake-multi-scaler.js';
import { deployment, endpoints, KEY, NAME, NS, pa } from './reconciler/testing/pa-fixtures.js';
import { start } from './start.js';

const SYSTEM_NAMESPACE = 'knative-serving';
const DIR = new URL('../../../deploy/core/autoscaler/', import.meta.url);
const SA = { namespace: SYSTEM_NAMESPACE, name: 'autoscaler' };
/** main.ts's Lease. */
const LEASE_NAME = 'knot-autoscaler';

/**
 * Informers list and watch; the reconciler base writes PA status (and reads
 * the PA again on a conflict); reconcileChild creates and updates the SKS,
 * Metric and HPA, whose owner references need update on the PA's finalizers;
 * writeScale patches replicas and updates the Deployment for the reserved
 * instance; the event recorder creates and patches Events.
 */
const CLUSTER_WIDE: Record<string, readonly string[]> = {
  'autoscaling.internal.knative.dev/podautoscalers': ['get', 'list', 'watch'],
  'autoscaling.internal.knative.dev/podautoscalers/status': ['update'],
  'autoscaling.internal.knative.dev/podautoscalers/finalizers': ['update'],
  'autoscaling.internal.knative.dev/metrics': ['list', 'watch', 'create', 'update'],
  'networking.internal.knative.dev/serverlessservices': ['list', 'watch', 'create', 'update'],
  'autoscaling/horizontalpodautoscalers': ['list', 'watch', 'create', 'update'],
  'apps/deployments': ['list', 'watch', 'update', 'patch'],
  'core/endpoints': ['list', 'watch'],
  'core/events': ['create', 'patch'],
};
/** The config store's informer and readLogLevel; main.ts's leader election. */
const IN_SYSTEM_NAMESPACE: Record<string, readonly string[]> = {
  'core/configmaps': ['get', 'list', 'watch'],
  'coordination.k8s.io/leases': ['create'],
  [`coordination.k8s.io/leases[${LEASE_NAME}]`]: ['get', 'update'],
};

const isRecord = (v: unknown): v is ManifestDoc => typeof v === 'object' && v !== null && !Array.isArray(v);
const manifests = (): ManifestDoc[] => kustomizeDocs(DIR, (text) => parseAllDocuments(text).map((d) => d.toJS() as unknown));
const named = (kind: string, name: string) => manifests().find((d) => d.kind === kind && isRecord(d.metadata) && d.metadata.name === name);
const at = (value: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), value);
const list = (value: unknown): ManifestDoc[] => (Array.isArray(value) ? value.filter(isRecord) : []);

describe('autoscaler RBAC', () => {
  test('grants in every namespace exactly what the code uses', () => {
    expect(summarizeRules(grantsOf(manifests(), SA).cluster)).toEqual(sortedVerbs(CLUSTER_WIDE));
  });

  test('grants in the system namespace only the config maps and the leader Lease', () => {
    const grants = grantsOf(manifests(), SA);
    expect([...grants.namespaced.keys()]).toEqual([SYSTEM_NAMESPACE]);
    expect(summarizeRules(grants.namespaced.get(SYSTEM_NAMESPACE) ?? [])).toEqual(sortedVerbs(IN_SYSTEM_NAMESPACE));
  });

  test('leadership, a kpa-class PA scaled up and a reserved instance, and an hpa-class PA need no call the rules refuse', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ initialNamespaces: [NS, SYSTEM_NAMESPACE], clock });
    const client = new AuditingClient(store);
    await readLogLevel(client, SYSTEM_NAMESPACE, 'autoscaler', 'info');
    const elector = new LeaderElector({ client, namespace: SYSTEM_NAMESPACE, name: LEASE_NAME, identity: 'autoscaler-0', clock, logger: noopLogger, onStartedLeading: () => undefined });
    elector.start();
    await eventually('leadership', () => {
      clock.advance(0);
      return Promise.resolve(elector.isLeader ? true : undefined);
    });
    await elector.stop();

    const multiScaler = new FakeMultiScaler();
    const abort = new AbortController();
    const running = await start({ client, clock, logger: noopLogger, signal: abort.signal, ports: { metrics: 0 }, host: '127.0.0.1', systemNamespace: SYSTEM_NAMESPACE, multiScaler, workers: 1 });
    try {
      await expect(running.synced).resolves.toBe(true);
      await store.create(apps.deployments, deployment(0));
      await store.create(core.endpoints, endpoints(1));
      await store.create(autoscaling.podAutoscalers, pa({ annotations: { 'autoscaling.knative.dev/reserve-instance-resources': 'cpu=100m' } }));
      const sks = await eventually('the SKS', () => store.get(networking.serverlessServices, NS, NAME));
      await store.updateStatus(networking.serverlessServices, { ...sks, status: { observedGeneration: 1, serviceName: NAME, privateServiceName: `${NAME}-private`, conditions: [{ type: 'Ready', status: 'True' }] } });
      multiScaler.setStatus(KEY, { desiredScale: 2, numActivators: 2 });
      await eventually('two replicas', () => store.get(apps.deployments, NS, `${NAME}-deployment`).then((d) => (d.spec?.replicas === 2 ? true : undefined)));
      // A reserved Deployment switching back is an update.
      const d = await store.get(apps.deployments, NS, `${NAME}-deployment`);
      await store.update(apps.deployments, { ...d, metadata: { ...d.metadata, annotations: { 'autoscaling.internal.knative.dev/reserve-original-resources': '{}' } } });
      await eventually('the normal size back', () => store.get(apps.deployments, NS, `${NAME}-deployment`).then((x) => (x.metadata?.annotations ? undefined : true)));
      await store.create(autoscaling.podAutoscalers, { ...pa({ cls: 'hpa.autoscaling.knative.dev' }), metadata: { ...pa({ cls: 'hpa.autoscaling.knative.dev' }).metadata, name: 'other-00001', uid: 'other-uid' } });
      await eventually('the HPA', () => store.get(hpa.horizontalPodAutoscalers, NS, 'other-00001'));
      await store.create(core.configMaps, { metadata: { namespace: SYSTEM_NAMESPACE, name: 'config-autoscaler' }, data: { 'stable-window': '90s' } });
      await eventually('the Metric window updated', () => store.get(autoscaling.metrics, NS, NAME).then((m) => (m.spec.stableWindow === 90e9 ? true : undefined)));
    } finally {
      abort.abort();
      await running.done;
    }

    expect(client.calls.filter((c) => !permits(grantsOf(manifests(), SA), c))).toEqual([]);
    const seen = new Set(client.calls.map((c) => `${c.verb} ${c.group || 'core'}/${c.resource}`));
    expect([...seen]).toEqual(
      expect.arrayContaining([
        'create networking.internal.knative.dev/serverlessservices',
        'create autoscaling.internal.knative.dev/metrics',
        'update autoscaling.internal.knative.dev/metrics',
        'create autoscaling/horizontalpodautoscalers',
        'patch apps/deployments',
        'update apps/deployments',
        'update autoscaling.internal.knative.dev/podautoscalers/status',
        'update coordination.k8s.io/leases',
      ]),
    );
  });
});

describe('autoscaler Deployment and Service', () => {
  const container = () => at(named('Deployment', 'autoscaler'), 'spec', 'template', 'spec', 'containers', 0);
  const fieldRefs: Record<string, string> = { 'metadata.namespace': SYSTEM_NAMESPACE, 'metadata.name': 'autoscaler-5c9d-xyz12' };
  const env = () =>
    Object.fromEntries(list(at(container(), 'env')).map((e) => [e.name, typeof e.value === 'string' ? e.value : fieldRefs[String(at(e, 'valueFrom', 'fieldRef', 'fieldPath'))]])) as Record<string, string>;

  test('every document is a uniquely named knot object of the autoscaler, namespaced where its kind is', () => {
    const clusterScoped = new Set(['ClusterRole', 'ClusterRoleBinding']);
    const ids = manifests().map((d) => {
      const meta = isRecord(d.metadata) ? d.metadata : {};
      expect({ kind: d.kind, namespaced: typeof meta.namespace === 'string', partOf: at(meta, 'labels', 'app.kubernetes.io/part-of'), component: at(meta, 'labels', 'app.kubernetes.io/component') }).toEqual({
        kind: d.kind,
        namespaced: !clusterScoped.has(String(d.kind)),
        partOf: 'knot',
        component: 'autoscaler',
      });
      return `${String(d.kind)} ${String(meta.namespace)}/${String(meta.name)}`;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('runs as the ServiceAccount the rules are bound to', () => {
    expect(at(named('Deployment', 'autoscaler'), 'spec', 'template', 'spec', 'serviceAccountName')).toBe(SA.name);
  });

  test('its environment parses to the Knative ports with leader election', () => {
    expect(parseAutoscalerClusterEnv(env())).toEqual({ systemNamespace: SYSTEM_NAMESPACE, statsPort: 8080, metricsPort: 9090, workers: 2, leaderElection: true, identity: 'autoscaler-5c9d-xyz12', kubeconfig: undefined });
  });

  test('container ports are the ones the environment opens, and the probes hit the metrics port', () => {
    const parsed = parseAutoscalerClusterEnv(env());
    const ports = Object.fromEntries(list(at(container(), 'ports')).map((p): [string, unknown] => [String(p.name), p.containerPort]));
    expect(ports).toEqual({ websocket: parsed.statsPort, metrics: parsed.metricsPort });
    expect([at(container(), 'livenessProbe', 'httpGet'), at(container(), 'readinessProbe', 'httpGet')]).toEqual([
      { path: '/healthz', port: 'metrics' },
      { path: '/readyz', port: 'metrics' },
    ]);
  });

  test("the autoscaler Service has Knative's ports: http-websocket 8080 and http-metrics 9090, selecting the pods", () => {
    const svc = named('Service', 'autoscaler');
    expect(at(svc, 'metadata', 'namespace')).toBe(SYSTEM_NAMESPACE);
    expect(list(at(svc, 'spec', 'ports')).map((p) => [p.name, p.port, p.targetPort])).toEqual([
      ['http-websocket', 8080, 'websocket'],
      ['http-metrics', 9090, 'metrics'],
    ]);
    const podLabels = at(named('Deployment', 'autoscaler'), 'spec', 'template', 'metadata', 'labels');
    const selector = at(svc, 'spec', 'selector');
    expect(isRecord(selector) && isRecord(podLabels) && Object.entries(selector).every(([k, v]) => podLabels[k] === v)).toBe(true);
  });
});
