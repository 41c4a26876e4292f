// The REST verbs beyond the Client interface, as raw requests: list pages,
// deletecollection, DeleteOptions bodies, dry runs of updates and deletes, and
// strategic merge patches.
import { apps, core, serving } from '@knot/api';
import { errorOf, startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;

beforeEach(async () => {
  t = await startTestApi();
});

afterEach(() => t.stop());

const cm = (name: string, labels: Record<string, string> = {}) => ({ metadata: { name, namespace: 'default', labels } });
interface List {
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string } }[];
}
const names = (list: List): string[] => list.items.map((i) => i.metadata.name);

describe('list pages', () => {
  test('limit and continue walk the collection in key order, every page at the first page’s version', async () => {
    for (const name of ['e', 'b', 'd', 'a', 'c']) await t.store.create(core.configMaps, cm(name));
    const first = (await t.request('GET', '/api/v1/namespaces/default/configmaps?limit=2')).json<List>();
    expect(names(first)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(3);
    const rv = first.metadata.resourceVersion;
    await t.store.create(core.configMaps, cm('bb'));
    const second = (await t.request('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${first.metadata.continue ?? ''}`)).json<List>();
    expect(names(second)).toEqual(['bb', 'c']);
    expect(second.metadata.resourceVersion).toBe(rv);
    const last = (await t.request('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${second.metadata.continue ?? ''}`)).json<List>();
    expect(names(last)).toEqual(['d', 'e']);
    expect(last.metadata.continue).toBeUndefined();
  });

  test('a list names its kind and version', async () => {
    const list = (await t.request('GET', '/apis/serving.knative.dev/v1/services')).json<List & { apiVersion: string }>();
    expect({ apiVersion: list.apiVersion, kind: list.kind }).toEqual({ apiVersion: 'serving.knative.dev/v1', kind: 'ServiceList' });
  });
});

describe('deletion requests', () => {
  test('deletecollection deletes what the selector matches and answers with it', async () => {
    await t.store.create(core.configMaps, cm('a', { tier: 'web' }));
    await t.store.create(core.configMaps, cm('b', { tier: 'db' }));
    const reply = await t.request('DELETE', '/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dweb');
    expect(reply.status).toBe(200);
    expect(names(reply.json<List>())).toEqual(['a']);
    expect((await t.store.list(core.configMaps, 'default')).items.map((i) => i.metadata?.name)).toEqual(['b']);
  });

  test('a DeleteOptions body carries a uid precondition and a dry run', async () => {
    const a = await t.store.create(core.configMaps, cm('a'));
    const wrongUid = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/a', { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: 'not-it' } } });
    expect(wrongUid.status).toBe(409);
    expect(wrongUid.json()).toMatchObject({ reason: 'Conflict', message: `Precondition failed: UID in precondition: not-it, UID in object meta: ${a.metadata?.uid ?? ''}` });
    const dry = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/a', { body: { dryRun: ['All'] } });
    expect(dry.status).toBe(200);
    expect((await t.store.get(core.configMaps, 'default', 'a')).metadata?.uid).toBe(a.metadata?.uid);
    const gone = await t.request('DELETE', '/api/v1/namespaces/default/configmaps/a', { body: { preconditions: { uid: a.metadata?.uid } } });
    expect(gone.status).toBe(200);
    expect((await errorOf(t.store.get(core.configMaps, 'default', 'a'))).code).toBe('NotFound');
  });

  test('orphanDependents: true in the body orphans, as propagationPolicy Orphan', async () => {
    const owner = await t.store.create(core.configMaps, cm('owner'));
    await t.store.create(core.configMaps, { metadata: { name: 'dep', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! }] } });
    await t.request('DELETE', '/api/v1/namespaces/default/configmaps/owner', { body: { orphanDependents: true } });
    await t.store.settled();
    expect((await t.store.get(core.configMaps, 'default', 'dep')).metadata?.ownerReferences).toBeUndefined();
  });
});

describe('dry runs of updates', () => {
  test('PUT and PATCH with dryRun=All answer the result and store nothing', async () => {
    const a = await t.store.create(core.configMaps, { ...cm('a'), data: { k: 'v' } });
    const put = await t.request('PUT', '/api/v1/namespaces/default/configmaps/a?dryRun=All', { body: { ...a, data: { k: 'put' } } });
    expect(put.json()).toMatchObject({ data: { k: 'put' }, metadata: { uid: a.metadata?.uid } });
    const patch = await t.request('PATCH', '/api/v1/namespaces/default/configmaps/a?dryRun=All', { body: { data: { k: 'patch' } }, contentType: 'application/merge-patch+json' });
    expect(patch.json()).toMatchObject({ data: { k: 'patch' } });
    expect(await t.store.get(core.configMaps, 'default', 'a')).toEqual(a);
  });
});

describe('strategic merge patches', () => {
  test('on a built-in kind, containers merge by name and directives are honoured', async () => {
    await t.store.create(apps.deployments, {
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }] }, { name: 'side', image: 'side:1' }] } } },
    });
    // What `kubectl apply` sends after an image change.
    const body = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'side' }], containers: [{ name: 'app', image: 'app:2' }] } } } };
    const reply = await t.request('PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { body, contentType: 'application/strategic-merge-patch+json' });
    expect(reply.status).toBe(200);
    const containers = (await t.store.get(apps.deployments, 'default', 'web')).spec?.template.spec?.containers;
    expect(containers).toEqual([{ name: 'app', image: 'app:2', ports: [{ containerPort: 8080 }] }, { name: 'side', image: 'side:1' }]);
  });

  test('on a Knative kind it is a merge patch, as for custom resources in Kubernetes', async () => {
    await t.kube.create(serving.services, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'app:1', env: [{ name: 'A', value: '1' }] }] } } } });
    const reply = await t.request('PATCH', '/apis/serving.knative.dev/v1/namespaces/default/services/hello', {
      body: { spec: { template: { spec: { containers: [{ name: 'app', image: 'app:2' }] } } } },
      contentType: 'application/strategic-merge-patch+json',
    });
    expect(reply.status).toBe(200);
    const container = (await t.store.get(serving.services, 'default', 'hello')).spec?.template?.spec?.containers[0];
    expect(container?.image).toBe('app:2');
    expect(container?.env).toBeUndefined();
  });
});
