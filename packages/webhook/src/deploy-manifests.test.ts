// deploy/core/webhook against the webhook's code: the registrations call
// paths it serves for kinds it handles, the Deployment's environment names the
// objects the manifests install, and the webhook started from that environment
// makes no API call its RBAC refuses.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { admissionregistration, apiextensions, core, type KubeObject, type ResourceType } from '@knot/api';
import { MemoryStore, noopLogger, readLogLevel, systemClock } from '@knot/runtime';
import { AuditingClient, grantsOf, kustomizeDocs, permits, summarizeRules, type ManifestDoc } from '@knot/runtime/testing';
import type { AdmissionResponse } from './admission/admission-review.js';
import { parseWebhookEnv } from './config/webhook-env.js';
import { start, WEBHOOK_PATHS, type RunningWebhook } from './index.js';
import { admissionReview, patched, userService } from './testing-fixtures/reviews.js';
import { postJson } from './testing-fixtures/webhook-fixture.js';

const DEPLOY = new URL('../../../deploy/', import.meta.url);
const SYSTEM_NAMESPACE = 'knative-serving';
const SA = { namespace: SYSTEM_NAMESPACE, name: 'webhook' };

type Json = ManifestDoc;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).filter((s): s is string => typeof s === 'string');
const at = (value: unknown, ...keys: (string | number)[]): unknown => keys.reduce<unknown>((v, k) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[k] : undefined), value);

/** The documents a kustomization folder lists directly. */
const parseAll = (text: string): unknown[] => parseAllDocuments(text).map((d) => d.toJS() as unknown);
const folder = (path: string): Json[] => kustomizeDocs(new URL(`${path}/`, DEPLOY), parseAll);
const readDocs = (url: URL): Json[] => parseAll(readFileSync(url, 'utf8')).filter(isRecord);
const nameOf = (doc: unknown): string => String(at(doc, 'metadata', 'name'));
const manifests = folder('core/webhook');
const configMaps = folder('core/config');
const ofKind = (kind: string): Json[] => manifests.filter((d) => d.kind === kind);
const container = at(ofKind('Deployment')[0], 'spec', 'template', 'spec', 'containers', 0);

/** The Deployment's environment as the kubelet resolves it for a pod in the system namespace. */
function podEnv(): Record<string, string> {
  const fieldRefs: Record<string, string> = { 'metadata.namespace': SYSTEM_NAMESPACE, 'metadata.name': 'webhook-6c5d-xyz12' };
  return Object.fromEntries(list(at(container, 'env')).filter(isRecord).map((e) => [String(e.name), typeof e.value === 'string' ? e.value : (fieldRefs[String(at(e, 'valueFrom', 'fieldRef', 'fieldPath'))] ?? '')]));
}

/** Which endpoint each registration must call. */
const PATH_OF: Record<string, string> = {
  'webhook.serving.knative.dev': WEBHOOK_PATHS.defaulting,
  'validation.webhook.serving.knative.dev': WEBHOOK_PATHS.validation,
  'config.webhook.serving.knative.dev': WEBHOOK_PATHS.configValidation,
};
const registrations = [...ofKind('MutatingWebhookConfiguration'), ...ofKind('ValidatingWebhookConfiguration')];
const hooks = registrations.flatMap((r) => list(r.webhooks).filter(isRecord).map((hook) => ({ registration: nameOf(r), hook })));

describe('deploy/core/webhook registrations', () => {
  test('are the three the webhook patches its CA into, each calling the endpoint for it through the webhook Service', () => {
    const env = parseWebhookEnv(podEnv());
    expect(registrations.map(nameOf).sort()).toEqual([...env.caBundleTargets.mutatingWebhookConfigurations, ...env.caBundleTargets.validatingWebhookConfigurations].sort());
    const service = ofKind('Service').find((s) => nameOf(s) === env.serviceName);
    const port = list(at(service, 'spec', 'ports')).find((p) => at(p, 'port') === 443);
    expect(at(port, 'targetPort')).toBe(at(container, 'ports', 0, 'name'));
    expect(at(container, 'ports', 0, 'containerPort')).toBe(env.port);
    for (const { registration, hook } of hooks) {
      expect({ registration, service: at(hook, 'clientConfig', 'service') }).toEqual({
        registration,
        service: { name: env.serviceName, namespace: SYSTEM_NAMESPACE, port: 443, path: PATH_OF[registration] },
      });
      expect(Object.values(WEBHOOK_PATHS)).toContain(at(hook, 'clientConfig', 'service', 'path'));
      expect([at(hook, 'admissionReviewVersions'), at(hook, 'sideEffects'), at(hook, 'failurePolicy')]).toEqual([['v1'], 'None', 'Fail']);
    }
  });

  test('the Deployment probes the HTTPS port, as the webhook serves its probes only there', () => {
    for (const [probe, path] of [['livenessProbe', '/healthz'], ['readinessProbe', '/readyz']] as const) {
      expect(at(container, probe, 'httpGet')).toEqual({ scheme: 'HTTPS', path, port: at(container, 'ports', 0, 'name') });
    }
  });

  test("select every config map of deploy/core/config for config validation", () => {
    const selector = hooks.find((h) => h.registration === 'config.webhook.serving.knative.dev')?.hook.objectSelector;
    const expressions = list(at(selector, 'matchExpressions')).filter(isRecord);
    expect(expressions.length).toBeGreaterThan(0);
    for (const cm of configMaps) {
      const labels = at(cm, 'metadata', 'labels');
      const selected = expressions.every((e) => e.operator === 'In' && strings(e.values).includes(String(at(labels, String(e.key)))));
      expect({ configMap: nameOf(cm), selected }).toEqual({ configMap: nameOf(cm), selected: true });
    }
  });
});

describe('deploy/core/webhook RBAC', () => {
  test('grants exactly what the code uses: its registrations and CRDs by name, its Secret and the config maps', () => {
    const env = parseWebhookEnv(podEnv());
    const grants = grantsOf(manifests, SA);
    const targets = env.caBundleTargets;
    expect(summarizeRules(grants.cluster)).toEqual({
      // certs/ca-bundle.ts: get, then update with the caBundle.
      [`admissionregistration.k8s.io/mutatingwebhookconfigurations[${targets.mutatingWebhookConfigurations.join(',')}]`]: ['get', 'update'],
      [`admissionregistration.k8s.io/validatingwebhookconfigurations[${targets.validatingWebhookConfigurations.join(',')}]`]: ['get', 'update'],
      [`apiextensions.k8s.io/customresourcedefinitions[${targets.customResourceDefinitions.join(',')}]`]: ['get', 'update'],
    });
    expect([...grants.namespaced.keys()]).toEqual([env.systemNamespace]);
    expect(summarizeRules(grants.namespaced.get(env.systemNamespace) ?? [])).toEqual({
      'core/configmaps': ['get', 'list', 'watch'], // config/config-watcher.ts; readLogLevel in main.ts
      'core/secrets': ['create'], // certs/cert-secret.ts, when the Secret is missing
      [`core/secrets[${env.secretName}]`]: ['get', 'update'],
    });
  });
});

/** A minimal object of each kind the registrations send, as a user writes it. */
const OBJECTS: Record<string, { kind: string; object: Json }> = {
  services: { kind: 'Service', object: userService() },
  configurations: { kind: 'Configuration', object: { apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go' }] } } } } },
  revisions: { kind: 'Revision', object: { apiVersion: 'serving.knative.dev/v1', kind: 'Revision', metadata: { name: 'hello', namespace: 'default' }, spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go' }] } } },
  routes: { kind: 'Route', object: { apiVersion: 'serving.knative.dev/v1', kind: 'Route', metadata: { name: 'hello', namespace: 'default' }, spec: { traffic: [{ configurationName: 'hello', percent: 100 }] } } },
  domainmappings: { kind: 'DomainMapping', object: { apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: 'hello.example.org', namespace: 'default' }, spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } } } },
};

describe('the webhook started as deploy/core/webhook runs it', () => {
  let store: MemoryStore;
  let client: AuditingClient;
  let webhook: RunningWebhook;
  const abort = new AbortController();
  const env = parseWebhookEnv(podEnv());

  beforeAll(async () => {
    store = new MemoryStore({ initialNamespaces: ['default', SYSTEM_NAMESPACE] });
    const seed = (rt: ResourceType, docs: Json[]) => Promise.all(docs.map((d) => store.create(rt, d as KubeObject)));
    await seed(admissionregistration.mutatingWebhookConfigurations, ofKind('MutatingWebhookConfiguration'));
    await seed(admissionregistration.validatingWebhookConfigurations, ofKind('ValidatingWebhookConfiguration'));
    await seed(core.secrets, ofKind('Secret'));
    await seed(core.configMaps, configMaps);
    await seed(apiextensions.customResourceDefinitions, env.caBundleTargets.customResourceDefinitions.flatMap((crd) => readDocs(new URL(`crds/${crd}.yaml`, DEPLOY))));
    client = new AuditingClient(store);
    // What main.ts does: the log level, then start with the environment.
    await readLogLevel(client, env.systemNamespace, 'webhook', 'info');
    webhook = await start({ ...env, port: 0, host: '127.0.0.1', client, clock: systemClock, logger: noopLogger, signal: abort.signal });
  });

  afterAll(async () => {
    abort.abort();
    await webhook.done;
  });

  const review = async (path: string, body: unknown): Promise<AdmissionResponse> => {
    const reply = await postJson(webhook.port, webhook.caCert(), path, body);
    expect(reply.status).toBe(200);
    return (reply.json() as { response: AdmissionResponse }).response;
  };
  const rulesOf = (registration: string) =>
    hooks.filter((h) => h.registration === registration).flatMap((h) => list(h.hook.rules).filter(isRecord)).flatMap((r) =>
      strings(r.apiVersions).flatMap((version) => strings(r.resources).map((resource) => ({ group: strings(r.apiGroups)[0] ?? '', version, resource }))),
    );

  test('needs no API call its RBAC refuses', () => {
    const refused = client.calls.filter((c) => !permits(grantsOf(manifests, SA), c));
    expect(refused).toEqual([]);
    expect(new Set(client.calls.map((c) => `${c.verb} ${c.resource}`))).toEqual(new Set([
      'get configmaps', 'list configmaps', 'watch configmaps', 'get secrets', 'update secrets',
      'get mutatingwebhookconfigurations', 'get validatingwebhookconfigurations', 'update mutatingwebhookconfigurations', 'update validatingwebhookconfigurations', 'get customresourcedefinitions',
    ]));
  });

  test('patches its CA into every registration the manifests install', async () => {
    const caBundle = Buffer.from(webhook.caCert()).toString('base64');
    const stored = [
      ...(await Promise.all(ofKind('MutatingWebhookConfiguration').map((d) => store.get(admissionregistration.mutatingWebhookConfigurations, undefined, nameOf(d))))),
      ...(await Promise.all(ofKind('ValidatingWebhookConfiguration').map((d) => store.get(admissionregistration.validatingWebhookConfigurations, undefined, nameOf(d))))),
    ];
    expect(stored.map((r) => [r.metadata?.name, r.webhooks?.map((w) => w.clientConfig.caBundle)])).toEqual(registrations.map((r) => [nameOf(r), list(r.webhooks).map(() => caBundle)]));
  });

  test.each(rulesOf('webhook.serving.knative.dev'))('defaults and then validates $resource in $group/$version, as the API server would send them', async ({ group, version, resource }) => {
    const sample = OBJECTS[resource];
    if (!sample) throw new Error(`no sample object for ${resource}: the registrations send a kind this test does not know`);
    const kind = { group, version, kind: sample.kind };
    const object = { ...sample.object, apiVersion: `${group}/${version}` };
    const name = nameOf(object);
    const defaulted = await review(WEBHOOK_PATHS.defaulting, admissionReview({ kind, object, name }));
    expect(defaulted).toMatchObject({ allowed: true, patchType: 'JSONPatch' });
    expect(rulesOf('validation.webhook.serving.knative.dev')).toContainEqual({ group, version, resource });
    expect(await review(WEBHOOK_PATHS.validation, admissionReview({ kind, object: patched(object, defaulted), name }))).toMatchObject({ allowed: true });
  });

  test.each(configMaps.map((cm) => ({ name: nameOf(cm), cm })))('admits $name as installed, through the config-validation registration', async ({ name, cm }) => {
    expect(rulesOf('config.webhook.serving.knative.dev')).toEqual([{ group: '', version: 'v1', resource: 'configmaps' }]);
    const kind = { group: '', version: 'v1', kind: 'ConfigMap' };
    expect(await review(WEBHOOK_PATHS.configValidation, admissionReview({ kind, object: cm, name, namespace: SYSTEM_NAMESPACE }))).toMatchObject({ allowed: true });
  });

  test('refuses a config map value knot cannot use, naming the key', async () => {
    const cm = { ...configMaps.find((c) => nameOf(c) === 'config-autoscaler'), data: { 'stable-window': '1s' } };
    const kind = { group: '', version: 'v1', kind: 'ConfigMap' };
    const response = await review(WEBHOOK_PATHS.configValidation, admissionReview({ kind, object: cm, name: 'config-autoscaler', namespace: SYSTEM_NAMESPACE }));
    expect(response.allowed).toBe(false);
    expect(response.result?.message).toMatch(/stable-window/);
  });
});
