// @kubernetes/client-node against the local API through the written kubeconfig:
// the typed core API, custom objects (a Knative Service, admitted), the generic
// object API (which finds resources through discovery), Watch and the informer.
import { ApiException, CoreV1Api, CustomObjectsApi, KubeConfig, KubernetesObjectApi, makeInformer, PatchStrategy, setHeaderOptions, Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { core } from '@knot/api';
import { Collector, startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;
let kc: KubeConfig;

beforeEach(async () => {
  t = await startTestApi();
  kc = new KubeConfig();
  kc.loadFromFile(t.kubeconfig);
});

afterEach(() => t.stop());

const ksvc = {
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  metadata: { name: 'hello', namespace: 'default' },
  spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go' }] } } },
};

test('the kubeconfig names the knot-dev context, cluster and user', () => {
  expect(kc.getCurrentContext()).toBe('knot-dev');
  expect(kc.getCurrentCluster()?.server).toBe(t.api.url);
  expect(kc.getCurrentUser()?.name).toBe('knot-dev-admin');
});

test('CoreV1Api lists, creates, reads, patches and deletes', async () => {
  const api = kc.makeApiClient(CoreV1Api);
  await t.store.create(core.pods, { metadata: { name: 'p1', namespace: 'default', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const pods = await api.listNamespacedPod({ namespace: 'default', labelSelector: 'app=a' });
  expect(pods.items.map((p) => p.metadata?.name)).toEqual(['p1']);
  expect(pods.kind).toBe('PodList');

  await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'cfg' }, data: { a: '1' } } });
  const patched = await api.patchNamespacedConfigMap({ namespace: 'default', name: 'cfg', body: { data: { b: '2' } } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
  expect(patched.data).toEqual({ a: '1', b: '2' });
  const strategic = await api.patchNamespacedConfigMap({ namespace: 'default', name: 'cfg', body: { data: { a: null } } }, setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch));
  expect(strategic.data).toEqual({ b: '2' });
  await api.deleteNamespacedConfigMap({ namespace: 'default', name: 'cfg' });
  const missing = await api.readNamespacedConfigMap({ namespace: 'default', name: 'cfg' }).catch((err: unknown) => err);
  expect(missing).toBeInstanceOf(ApiException);
  expect((missing as ApiException<unknown>).code).toBe(404);
});

test('CustomObjectsApi creates a Knative Service, defaulted by admission', async () => {
  const api = kc.makeApiClient(CustomObjectsApi);
  const created = (await api.createNamespacedCustomObject({ group: 'serving.knative.dev', version: 'v1', namespace: 'default', plural: 'services', body: ksvc })) as typeof ksvc & {
    metadata: { annotations?: Record<string, string> };
    spec: { traffic?: unknown };
  };
  expect(created.metadata.annotations?.['serving.knative.dev/creator']).toBe('knot-dev-admin');
  expect(created.spec.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
  const listed = (await api.listNamespacedCustomObject({ group: 'serving.knative.dev', version: 'v1', namespace: 'default', plural: 'services' })) as { items: unknown[] };
  expect(listed.items).toHaveLength(1);
});

test('KubernetesObjectApi finds the resource of an apiVersion and kind through discovery', async () => {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const created = await api.create<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'generic', namespace: 'default' } });
  expect(typeof created.metadata?.uid).toBe('string');
  const svc = await api.create(ksvc);
  expect(svc.metadata?.name).toBe('hello');
  const read = await api.read({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello', namespace: 'default' } });
  expect(read.kind).toBe('Service');
});

test('Watch streams events with the object, and the informer keeps its cache', async () => {
  const events = new Collector<string>();
  const done = new Collector<unknown>();
  const controller = await new Watch(kc).watch('/api/v1/namespaces/default/configmaps', { allowWatchBookmarks: true }, (type, obj: V1ConfigMap) => events.push(`${type} ${obj.metadata?.name ?? ''}`), done.push);
  const api = kc.makeApiClient(CoreV1Api);
  const informer = makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => api.listNamespacedConfigMap({ namespace: 'default' }));
  const seen = new Collector<string>();
  informer.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''}`));
  informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
  await informer.start();

  await api.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'w1' } } });
  await api.deleteNamespacedConfigMap({ namespace: 'default', name: 'w1' });
  await events.until((e) => e.length >= 2);
  await seen.until((s) => s.includes('delete w1'));
  expect(events.items).toEqual(['ADDED w1', 'DELETED w1']);
  expect(informer.list('default')).toEqual([]);
  await informer.stop();
  controller.abort();
  await done.until((d) => d.length > 0);
});
