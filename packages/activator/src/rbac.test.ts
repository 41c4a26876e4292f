// The activator's manifests in deploy/core/activator against its code: the
// rules grant exactly the calls listed below (read off the code), a real run
// makes no call they refuse, and the Deployment and Service agree with the
// ports and environment the code reads.
import { parseAllDocuments } from 'yaml';
import { ACTIVATOR_SERVICE_NAME } from '@knot/api';
import { MemoryStore, readLogLevel } from '@knot/runtime';
import { AuditingClient, FakeClock, grantsOf, kustomizeDocs, permits, sortedVerbs, summarizeRules, type ManifestDoc } from '@knot/runtime/testing';
import { parseActivatorEnv } from './config/activator-env.js';
import { FakePod } from './testing/fake-pod.js';
import { addRevision, NS, send, setEndpoints, startActivator } from './testing/harness.js';

const SYSTEM_NAMESPACE = 'knative-serving';
const DIR = new URL('../../../deploy/core/activator/', import.meta.url);
const SA = { namespace: SYSTEM_NAMESPACE, name: 'activator' };

/** The Revision and Endpoints informers list and watch in every namespace; the activator writes nothing. */
const CLUSTER_WIDE: Record<string, readonly string[]> = {
  'serving.knative.dev/revisions': ['list', 'watch'],
  'core/endpoints': ['list', 'watch'],
};
/** main.ts reads config-logging once for the log level. */
const IN_SYSTEM_NAMESPACE: Record<string, readonly string[]> = {
  'core/configmaps[config-logging]': ['get'],
};

const isRecord = (v: unknown): v is ManifestDoc => typeof v === 'object' && v !== null && !Array.isArray(v);
const manifests = (): ManifestDoc[] => kustomizeDocs(DIR, (text) => parseAllDocuments(text).map((d) => d.toJS() as unknown));
const named = (kind: string, name: string) => manifests().find((d) => d.kind === kind && isRecord(d.metadata) && d.metadata.name === name);
const at = (value: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), value);
const list = (value: unknown): ManifestDoc[] => (Array.isArray(value) ? value.filter(isRecord) : []);

describe('activator RBAC', () => {
  test('grants in every namespace exactly what the code reads', () => {
    expect(summarizeRules(grantsOf(manifests(), SA).cluster)).toEqual(sortedVerbs(CLUSTER_WIDE));
  });

  test('grants in the system namespace only config-logging', () => {
    const grants = grantsOf(manifests(), SA);
    expect([...grants.namespaced.keys()]).toEqual([SYSTEM_NAMESPACE]);
    expect(summarizeRules(grants.namespaced.get(SYSTEM_NAMESPACE) ?? [])).toEqual(sortedVerbs(IN_SYSTEM_NAMESPACE));
  });

  test('a start, a request buffered until its pod appears, and a stop need no call the rules refuse', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ initialNamespaces: [NS, SYSTEM_NAMESPACE], clock });
    const client = new AuditingClient(store);
    await readLogLevel(client, SYSTEM_NAMESPACE, 'activator', 'info');
    const activator = await startActivator({ store, client, clock });
    const pod = await new FakePod().listen();
    try {
      await addRevision(store, 'hello-00001');
      const pending = send(activator.running.ports.http, 'hello-00001');
      await setEndpoints(store, 'hello-00001', [pod]);
      expect((await pending).status).toBe(200);
    } finally {
      await activator.stop();
      await pod.close();
    }
    const grants = grantsOf(manifests(), SA);
    expect(client.calls.filter((c) => !permits(grants, c))).toEqual([]);
    expect(new Set(client.calls.map((c) => `${c.verb} ${c.group || 'core'}/${c.resource}`))).toEqual(
      new Set(['get core/configmaps', 'list serving.knative.dev/revisions', 'watch serving.knative.dev/revisions', 'list core/endpoints', 'watch core/endpoints']),
    );
  });
});

describe('activator Deployment and Service', () => {
  const container = () => at(named('Deployment', 'activator'), 'spec', 'template', 'spec', 'containers', 0);
  const fieldRefs: Record<string, string> = { 'metadata.namespace': SYSTEM_NAMESPACE, 'metadata.name': 'activator-5c9d-xyz12', 'status.podIP': '10.4.0.17' };
  const env = () =>
    Object.fromEntries(list(at(container(), 'env')).map((e) => [e.name, typeof e.value === 'string' ? e.value : fieldRefs[String(at(e, 'valueFrom', 'fieldRef', 'fieldPath'))]])) as Record<string, string>;

  test('every document is a uniquely named knot object of the activator, namespaced where its kind is', () => {
    const clusterScoped = new Set(['ClusterRole', 'ClusterRoleBinding']);
    const ids = manifests().map((d) => {
      const meta = isRecord(d.metadata) ? d.metadata : {};
      expect({ kind: d.kind, namespaced: typeof meta.namespace === 'string', partOf: at(meta, 'labels', 'app.kubernetes.io/part-of'), component: at(meta, 'labels', 'app.kubernetes.io/component') }).toEqual({
        kind: d.kind,
        namespaced: !clusterScoped.has(String(d.kind)),
        partOf: 'knot',
        component: 'activator',
      });
      return `${String(d.kind)} ${String(meta.namespace)}/${String(meta.name)}`;
    });
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('runs as the ServiceAccount the rules are bound to', () => {
    expect(at(named('Deployment', 'activator'), 'spec', 'template', 'spec', 'serviceAccountName')).toBe(SA.name);
  });

  test('its environment parses to the Knative ports and the in-cluster autoscaler', () => {
    expect(parseActivatorEnv(env())).toEqual({
      systemNamespace: SYSTEM_NAMESPACE,
      podName: 'activator-5c9d-xyz12',
      podIP: '10.4.0.17',
      ports: { http: 8012, http2: 8013, metrics: 9090 },
      autoscalerUrl: 'ws://autoscaler.knative-serving.svc.cluster.local:8080',
      drainMs: 15_000,
    });
  });

  test('container ports are the ones the environment opens, and the probes hit the metrics port', () => {
    const parsed = parseActivatorEnv(env());
    const ports = Object.fromEntries(list(at(container(), 'ports')).map((p): [string, unknown] => [String(p.name), p.containerPort]));
    expect(ports).toEqual({ http1: parsed.ports.http, h2c: parsed.ports.http2, metrics: parsed.ports.metrics });
    expect([at(container(), 'livenessProbe', 'httpGet'), at(container(), 'readinessProbe', 'httpGet')]).toEqual([
      { path: '/healthz', port: 'metrics' },
      { path: '/readyz', port: 'metrics' },
    ]);
  });

  test("the termination grace period covers the drain and main.ts's wait for requests in flight", () => {
    const grace = Number(at(named('Deployment', 'activator'), 'spec', 'template', 'spec', 'terminationGracePeriodSeconds'));
    expect(grace * 1000).toBeGreaterThan(parseActivatorEnv(env()).drainMs + 15_000);
  });

  test(`${ACTIVATOR_SERVICE_NAME} has Knative's ports: http 80→8012, http2 81→8013 (h2c), http-metrics 9090, selecting the pods`, () => {
    const svc = named('Service', ACTIVATOR_SERVICE_NAME);
    expect(at(svc, 'metadata', 'namespace')).toBe(SYSTEM_NAMESPACE);
    expect(list(at(svc, 'spec', 'ports')).map((p) => [p.name, p.port, p.targetPort, p.appProtocol])).toEqual([
      ['http', 80, 'http1', undefined],
      ['http2', 81, 'h2c', 'kubernetes.io/h2c'],
      ['http-metrics', 9090, 'metrics', undefined],
    ]);
    const podLabels = at(named('Deployment', 'activator'), 'spec', 'template', 'metadata', 'labels');
    const selector = at(svc, 'spec', 'selector');
    expect(isRecord(selector) && isRecord(podLabels) && Object.entries(selector).every(([k, v]) => podLabels[k] === v)).toBe(true);
  });
});
