// The controller's RBAC in deploy/core/controller against its code: the rules
// grant exactly the calls listed below (read off the code), and a real run of
// the controller on the in-memory store makes no call the rules refuse.
import { parseAllDocuments } from 'yaml';
import { apps, autoscaling, networking, serving } from '@knot/api';
import { LeaderElector, MemoryStore, noopLogger, readLogLevel } from '@knot/runtime';
import { AuditingClient, eventually, FakeClock, grantsOf, kustomizeDocs, permits, sortedVerbs, summarizeRules, type ManifestDoc } from '@knot/runtime/testing';
import { parseClusterEnv } from './cluster/cluster-env.js';
import { start } from './start.js';
import { service } from './testing/fixtures.js';

const SYSTEM_NAMESPACE = 'knative-serving';
const DIR = new URL('../../../deploy/core/controller/', import.meta.url);
/** main.ts's Lease. */
const LEASE_NAME = 'knot-controller';

/**
 * Every (resource, verbs) the controller's code uses in any namespace: the
 * informers list and watch; the reconciler base gets (on a status conflict)
 * and updates the status of each reconciled kind; the rest are the
 * client.create/update/patch/delete calls of each reconciler. An owner
 * reference with blockOwnerDeletion needs update on the owner's finalizers.
 */
const CLUSTER_WIDE: Record<string, readonly string[]> = {
  'serving.knative.dev/services': ['get', 'list', 'watch'],
  'serving.knative.dev/configurations': ['get', 'list', 'watch', 'create', 'update', 'patch'], // service reconciler; labeler
  'serving.knative.dev/revisions': ['get', 'list', 'watch', 'create', 'patch', 'delete'], // configuration reconciler; labeler; gc
  'serving.knative.dev/routes': ['get', 'list', 'watch', 'create', 'update', 'patch'], // service reconciler; labeler finalizer
  'serving.knative.dev/domainmappings': ['get', 'list', 'watch'],
  ...Object.fromEntries(['services', 'configurations', 'revisions', 'routes', 'domainmappings'].flatMap((r) => [[`serving.knative.dev/${r}/status`, ['update']], [`serving.knative.dev/${r}/finalizers`, ['update']]])),
  'autoscaling.internal.knative.dev/podautoscalers': ['list', 'watch', 'create', 'update'], // revision reconciler
  'networking.internal.knative.dev/ingresses': ['list', 'watch', 'create', 'update'], // route and domainmapping reconcilers
  'networking.internal.knative.dev/serverlessservices': ['get', 'list', 'watch'],
  'networking.internal.knative.dev/serverlessservices/status': ['update'],
  'networking.internal.knative.dev/serverlessservices/finalizers': ['update'],
  'apps/deployments': ['list', 'watch', 'create', 'update'], // revision reconciler
  'core/services': ['list', 'watch', 'create', 'update', 'delete'], // route and serverlessservice reconcilers
  'core/endpoints': ['list', 'watch', 'create', 'update', 'delete'],
  'core/pods': ['list', 'watch'], // revision pods, for ContainerHealthy
  'core/events': ['create', 'patch'], // event recorders
  'core/secrets': ['get'], // pull credentials for digest resolution
  'core/serviceaccounts': ['get'],
};

/** In the system namespace only: the config maps (ConfigStore, readLogLevel) and main.ts's leader election. */
const IN_SYSTEM_NAMESPACE: Record<string, readonly string[]> = {
  'core/configmaps': ['get', 'list', 'watch'],
  'coordination.k8s.io/leases': ['create'],
  [`coordination.k8s.io/leases[${LEASE_NAME}]`]: ['get', 'update'],
};

type Json = ManifestDoc;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const manifests = (): Json[] => kustomizeDocs(DIR, (text) => parseAllDocuments(text).map((d) => d.toJS() as unknown));
const name = (doc: Json): unknown => (isRecord(doc.metadata) ? doc.metadata.name : undefined);

const SA = { namespace: SYSTEM_NAMESPACE, name: 'controller' };
const TRUE = (type: string) => ({ type, status: 'True' as const, lastTransitionTime: '2024-01-01T00:00:00Z' });

/** Plays the kube-controller-manager and the autoscaler: the revision's Deployment is available and its PodAutoscaler ready. */
async function makeRevisionReady(store: MemoryStore, namespace: string, revision: string): Promise<void> {
  const deployment = await eventually('the deployment', () => store.get(apps.deployments, namespace, `${revision}-deployment`));
  await store.updateStatus(apps.deployments, { ...deployment, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, conditions: [TRUE('Available'), { ...TRUE('Progressing'), reason: 'NewReplicaSetAvailable' }] } });
  const pa = await eventually('the PodAutoscaler', () => store.get(autoscaling.podAutoscalers, namespace, revision));
  await store.updateStatus(autoscaling.podAutoscalers, { ...pa, status: { serviceName: revision, actualScale: 1, desiredScale: 1, conditions: [TRUE('Ready'), TRUE('Active'), TRUE('ScaleTargetInitialized'), TRUE('SKSReady')] } });
}

describe('deploy/core/controller RBAC', () => {
  test('grants in every namespace exactly what the code uses', () => {
    const grants = grantsOf(manifests(), SA);
    expect(summarizeRules(grants.cluster)).toEqual(sortedVerbs(CLUSTER_WIDE));
  });

  test('grants in the system namespace only the config maps and the leader Lease', () => {
    const grants = grantsOf(manifests(), SA);
    expect([...grants.namespaced.keys()]).toEqual([SYSTEM_NAMESPACE]);
    expect(summarizeRules(grants.namespaced.get(SYSTEM_NAMESPACE) ?? [])).toEqual(sortedVerbs(IN_SYSTEM_NAMESPACE));
  });

  test('a Service taken from creation to deletion, an SKS and a DomainMapping need no call the rules refuse', async () => {
    const store = new MemoryStore({ initialNamespaces: ['default', SYSTEM_NAMESPACE] });
    const client = new AuditingClient(store);
    const clock = new FakeClock();
    // What main.ts does before start: the log level and leadership.
    await readLogLevel(client, SYSTEM_NAMESPACE, 'controller', 'info');
    const elector = new LeaderElector({ client, namespace: SYSTEM_NAMESPACE, name: LEASE_NAME, identity: 'controller-0', clock, logger: noopLogger, onStartedLeading: () => undefined });
    elector.start();
    await eventually('leadership', () => {
      clock.advance(0);
      return Promise.resolve(elector.isLeader ? true : undefined);
    });
    await elector.stop();

    const abort = new AbortController();
    const running = start({ client, clock, logger: noopLogger, signal: abort.signal, workers: 1, systemNamespace: SYSTEM_NAMESPACE });
    try {
      await expect(running.synced).resolves.toBe(true);
      const { metadata: _m, ...rest } = service('hello');
      await store.create(serving.services, { ...rest, metadata: { namespace: 'default', name: 'hello' } });
      await makeRevisionReady(store, 'default', 'hello-00001');
      await eventually('the ingress', () => store.get(networking.ingresses, 'default', 'hello'));
      await store.create(networking.serverlessServices, {
        metadata: { namespace: 'default', name: 'hello-00001' },
        spec: { mode: 'Serve', objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-00001-deployment' }, protocolType: 'http1' },
      });
      await store.create(serving.domainMappings, { metadata: { namespace: 'default', name: 'hello.example.org' }, spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } } });
      await eventually('the SKS services', () => store.get(networking.serverlessServices, 'default', 'hello-00001').then((s) => s.status?.serviceName));
      await eventually('the domain mapping status', () => store.get(serving.domainMappings, 'default', 'hello.example.org').then((d) => d.status?.conditions));
      await store.delete(serving.services, 'default', 'hello');
      await eventually('the route to go', () => store.get(serving.routes, 'default', 'hello').then(() => undefined, () => true));
    } finally {
      abort.abort();
      await running.done;
    }

    const refused = client.calls.filter((c) => !permits(grantsOf(manifests(), SA), c));
    expect(refused).toEqual([]);
    // The run must have exercised the writes that matter, or it proves little.
    const seen = new Set(client.calls.map((c) => `${c.verb} ${c.group || 'core'}/${c.resource}`));
    expect([...seen]).toEqual(expect.arrayContaining([
      'create apps/deployments',
      'create autoscaling.internal.knative.dev/podautoscalers',
      'create networking.internal.knative.dev/ingresses',
      'create core/services',
      'create core/events',
      'patch serving.knative.dev/routes',
      'patch serving.knative.dev/revisions',
      'update serving.knative.dev/revisions/finalizers',
      'update networking.internal.knative.dev/serverlessservices/status',
      'update serving.knative.dev/domainmappings/status',
      'update coordination.k8s.io/leases',
    ]));
  });
});

describe('deploy/core/controller Deployment', () => {
  const deployment = () => manifests().find((d) => d.kind === 'Deployment' && name(d) === 'controller');
  const at = (value: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), value);

  test('runs as the ServiceAccount the rules are bound to', () => {
    expect(at(deployment(), 'spec', 'template', 'spec', 'serviceAccountName')).toBe(SA.name);
  });

  test('its environment parses, and the probes and metrics port are the one PROBES_PORT serves', () => {
    const container = at(deployment(), 'spec', 'template', 'spec', 'containers', 0);
    const fieldRefs: Record<string, string> = { 'metadata.namespace': SYSTEM_NAMESPACE, 'metadata.name': 'controller-7d9f-abcde' };
    const env = Object.fromEntries(
      (Array.isArray(at(container, 'env')) ? (at(container, 'env') as unknown[]) : []).filter(isRecord).map((e) => [e.name, typeof e.value === 'string' ? e.value : fieldRefs[String(at(e, 'valueFrom', 'fieldRef', 'fieldPath'))]]),
    ) as Record<string, string>;
    const parsed = parseClusterEnv(env);
    expect(parsed).toMatchObject({ systemNamespace: SYSTEM_NAMESPACE, identity: 'controller-7d9f-abcde', leaderElection: true });
    const ports = (Array.isArray(at(container, 'ports')) ? (at(container, 'ports') as unknown[]) : []).filter(isRecord);
    expect(ports.map((p) => p.containerPort)).toEqual([parsed.probesPort]);
    const portName = ports[0]?.name;
    expect([at(container, 'livenessProbe', 'httpGet'), at(container, 'readinessProbe', 'httpGet')]).toEqual([
      { path: '/healthz', port: portName },
      { path: '/readyz', port: portName },
    ]);
    const metrics = manifests().find((d) => d.kind === 'Service' && name(d) === 'controller');
    expect(at(metrics, 'spec', 'ports', 0, 'targetPort')).toBe(portName);
  });
});
