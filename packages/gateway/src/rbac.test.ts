// The gateway's manifests in deploy/core/gateway against its code: the rules
// grant exactly the calls listed below (read off the code), a real run makes no
// call they refuse, and the Deployment and Services agree with the ports and
// environment the code reads.
import { parseAllDocuments } from 'yaml';
import { GATEWAY_INTERNAL_SERVICE_NAME, GATEWAY_SERVICE_NAME, networking } from '@knot/api';
import { MemoryStore, noopLogger, readLogLevel, systemClock } from '@knot/runtime';
import { AuditingClient, eventually, grantsOf, kustomizeDocs, permits, sortedVerbs, summarizeRules, type ManifestDoc } from '@knot/runtime/testing';
import { parseGatewayEnv } from './gateway-env.js';
import { start } from './start.js';
import { addService, echoBackend, ingress, NS, request, rule, split } from './testing/fixtures.js';

const SYSTEM_NAMESPACE = 'knative-serving';
const DIR = new URL('../../../deploy/core/gateway/', import.meta.url);
const SA = { namespace: SYSTEM_NAMESPACE, name: 'gateway' };

/** Informers list and watch Ingresses, Services and Endpoints; the reconciler base writes Ingress status (and gets on a conflict) and records events. */
const CLUSTER_WIDE: Record<string, readonly string[]> = {
  'networking.internal.knative.dev/ingresses': ['get', 'list', 'watch'],
  'networking.internal.knative.dev/ingresses/status': ['update'],
  'core/services': ['list', 'watch'],
  'core/endpoints': ['list', 'watch'],
  'core/events': ['create', 'patch'],
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

describe('gateway RBAC', () => {
  test('grants in every namespace exactly what the code uses', () => {
    expect(summarizeRules(grantsOf(manifests(), SA).cluster)).toEqual(sortedVerbs(CLUSTER_WIDE));
  });

  test('grants in the system namespace only config-logging', () => {
    const grants = grantsOf(manifests(), SA);
    expect([...grants.namespaced.keys()]).toEqual([SYSTEM_NAMESPACE]);
    expect(summarizeRules(grants.namespaced.get(SYSTEM_NAMESPACE) ?? [])).toEqual(sortedVerbs(IN_SYSTEM_NAMESPACE));
  });

  test('serving an Ingress, status included, needs no call the rules refuse', async () => {
    const store = new MemoryStore({ initialNamespaces: [NS, SYSTEM_NAMESPACE] });
    const client = new AuditingClient(store);
    await readLogLevel(client, SYSTEM_NAMESPACE, 'gateway', 'info');
    const backend = await echoBackend('hello');
    const abort = new AbortController();
    const gateway = await start({ client, clock: systemClock, logger: noopLogger, signal: abort.signal, host: '127.0.0.1', ports: { external: 0, internal: 0, admin: 0 }, drainTimeoutMs: 1000 });
    try {
      await addService(store, 'hello-00001', [backend.port]);
      await store.create(networking.ingresses, ingress('hello', [rule(['hello.example.com'], [{ splits: [split('hello-00001')] }])]));
      await eventually('ready', async () => ((await store.get(networking.ingresses, NS, 'hello')).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? true : undefined));
      expect((await request(gateway.ports.external, { host: 'hello.example.com' })).status).toBe(200);
    } finally {
      abort.abort();
      await gateway.done;
      await backend.close();
    }
    const grants = grantsOf(manifests(), SA);
    expect(client.calls.filter((c) => !permits(grants, c))).toEqual([]);
    const seen = new Set(client.calls.map((c) => `${c.verb} ${c.group || 'core'}/${c.resource}`));
    expect([...seen]).toEqual(expect.arrayContaining(['watch networking.internal.knative.dev/ingresses', 'update networking.internal.knative.dev/ingresses/status', 'watch core/endpoints', 'get core/configmaps']));
  });
});

describe('gateway Deployment and Services', () => {
  const container = () => at(named('Deployment', 'gateway'), 'spec', 'template', 'spec', 'containers', 0);

  test('runs as the ServiceAccount the rules are bound to', () => {
    expect(at(named('Deployment', 'gateway'), 'spec', 'template', 'spec', 'serviceAccountName')).toBe(SA.name);
  });

  test('its environment parses, and its ports and probes are the ones the code listens on', () => {
    const fieldRefs: Record<string, string> = { 'metadata.namespace': SYSTEM_NAMESPACE, 'metadata.name': 'gateway-7d9f-abcde' };
    const env = Object.fromEntries(list(at(container(), 'env')).map((e) => [e.name, typeof e.value === 'string' ? e.value : fieldRefs[String(at(e, 'valueFrom', 'fieldRef', 'fieldPath'))]])) as Record<string, string>;
    const parsed = parseGatewayEnv(env);
    expect(parsed).toMatchObject({ systemNamespace: SYSTEM_NAMESPACE, podName: 'gateway-7d9f-abcde', ports: { external: 8080, internal: 8081, admin: 9090 } });
    const ports: Record<string, unknown> = Object.fromEntries(list(at(container(), 'ports')).map((p): [string, unknown] => [String(p.name), p.containerPort]));
    expect(ports).toEqual({ http: parsed.ports.external, 'http-internal': parsed.ports.internal, admin: parsed.ports.admin });
    expect([at(container(), 'livenessProbe', 'httpGet'), at(container(), 'readinessProbe', 'httpGet')]).toEqual([
      { path: '/healthz', port: 'admin' },
      { path: '/readyz', port: 'admin' },
    ]);
  });

  test.each([
    { name: GATEWAY_SERVICE_NAME, type: 'LoadBalancer', targetPort: 'http' },
    { name: GATEWAY_INTERNAL_SERVICE_NAME, type: 'ClusterIP', targetPort: 'http-internal' },
  ])('$name is a $type Service from port 80 to $targetPort', ({ name, type, targetPort }) => {
    const svc = named('Service', name);
    expect(at(svc, 'metadata', 'namespace')).toBe(SYSTEM_NAMESPACE);
    expect(at(svc, 'spec', 'type')).toBe(type);
    expect(list(at(svc, 'spec', 'ports'))).toEqual([{ name: 'http2', port: 80, targetPort, protocol: 'TCP' }]);
    expect(at(svc, 'spec', 'selector')).toEqual(at(named('Deployment', 'gateway'), 'spec', 'selector', 'matchLabels'));
  });
});
