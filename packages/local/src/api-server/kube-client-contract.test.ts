// knot's own KubeClient, built from the kubeconfig the local API writes, held
// to the Client contract over real HTTPS: what a component running against a
// cluster sees, it sees against `knot dev`.
import { apps, core, type KubeObject } from '@knot/api';
import { Informer, MemoryStore, type WatchEvent } from '@knot/runtime';
import type { ConfigMap, Pod } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { Collector, errorOf, startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;

beforeEach(async () => {
  t = await startTestApi({ store: new MemoryStore({ initialNamespaces: ['default', 'team-a'], historySize: 20 }) });
});

afterEach(() => t.stop());


const cm = (name: string, labels: Record<string, string> = {}, namespace = 'default'): ConfigMap => ({ metadata: { name, namespace, labels }, data: { k: 'v' } });
const deployment = (name: string): Deployment => ({
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app' }] } } },
});
const describe_ = (e: WatchEvent<KubeObject>): string => `${e.type} ${e.object.metadata?.name ?? ''}`;

describe('reads and writes', () => {
  test('create, get and list return what the store holds, with server-set metadata', async () => {
    const created = await t.kube.create(core.configMaps, cm('one'));
    expect(created.metadata).toMatchObject({ name: 'one', namespace: 'default' });
    for (const field of ['uid', 'resourceVersion', 'creationTimestamp'] as const) expect(typeof created.metadata?.[field]).toBe('string');
    expect(await t.kube.get(core.configMaps, 'default', 'one')).toEqual(await t.store.get(core.configMaps, 'default', 'one'));
    const list = await t.kube.list(core.configMaps, 'default');
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['one']);
    expect(list.resourceVersion).toBe(t.store.resourceVersion);
  });

  test('lists across namespaces, by label and by field', async () => {
    await t.kube.create(core.configMaps, cm('a', { tier: 'web' }));
    await t.kube.create(core.configMaps, cm('b', { tier: 'db' }));
    await t.kube.create(core.configMaps, cm('c', { tier: 'web' }, 'team-a'));
    const names = async (ns: string | undefined, opts = {}): Promise<string[]> => (await t.kube.list(core.configMaps, ns, opts)).items.map((i) => `${i.metadata?.namespace ?? ''}/${i.metadata?.name ?? ''}`);
    expect(await names(undefined)).toEqual(['default/a', 'default/b', 'team-a/c']);
    expect(await names(undefined, { labelSelector: 'tier in (web)' })).toEqual(['default/a', 'team-a/c']);
    expect(await names('default', { labelSelector: 'tier!=web' })).toEqual(['default/b']);
    expect(await names(undefined, { fieldSelector: 'metadata.namespace=team-a' })).toEqual(['team-a/c']);
    expect((await errorOf(t.kube.list(core.configMaps, 'default', { labelSelector: 'tier in (' }))).code).toBe('BadRequest');
  });

  test('missing objects, taken names and stale versions get NotFound, AlreadyExists and Conflict', async () => {
    expect((await errorOf(t.kube.get(core.configMaps, 'default', 'nope'))).code).toBe('NotFound');
    const one = await t.kube.create(core.configMaps, cm('one'));
    expect((await errorOf(t.kube.create(core.configMaps, cm('one')))).code).toBe('AlreadyExists');
    await t.kube.update(core.configMaps, { ...one, data: { k: 'v2' } });
    const stale = await errorOf(t.kube.update(core.configMaps, { ...one, data: { k: 'v3' } }));
    expect(stale.code).toBe('Conflict');
    expect(stale.status).toBe(409);
    expect((await t.kube.get(core.configMaps, 'default', 'one')).data).toEqual({ k: 'v2' });
  });

  test('an update without a resourceVersion overwrites whatever is stored', async () => {
    await t.kube.create(core.configMaps, cm('one'));
    await t.kube.update(core.configMaps, { metadata: { name: 'one', namespace: 'default' }, data: { k: 'mine' } });
    expect((await t.kube.get(core.configMaps, 'default', 'one')).data).toEqual({ k: 'mine' });
  });

  test('merge and JSON patches; a failed JSON patch test is Invalid', async () => {
    await t.kube.create(core.configMaps, cm('one', { a: '1' }));
    const merged = await t.kube.patch(core.configMaps, 'default', 'one', { type: 'merge', patch: { metadata: { labels: { a: null, b: '2' } }, data: { x: 'y' } } });
    expect(merged.metadata?.labels).toEqual({ b: '2' });
    expect(merged.data).toEqual({ k: 'v', x: 'y' });
    const json = await t.kube.patch(core.configMaps, 'default', 'one', { type: 'json', patch: [{ op: 'test', path: '/data/k', value: 'v' }, { op: 'remove', path: '/data/k' }] });
    expect(json.data).toEqual({ x: 'y' });
    const failed = await errorOf(t.kube.patch(core.configMaps, 'default', 'one', { type: 'json', patch: [{ op: 'test', path: '/data/x', value: 'z' }] }));
    expect(failed.code).toBe('Invalid');
  });

  test('generateName gets a unique name; a dry run stores nothing', async () => {
    const generated = await t.kube.create(core.configMaps, { metadata: { generateName: 'gen-', namespace: 'default' } });
    expect(generated.metadata?.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const dry = await t.kube.create(core.configMaps, cm('dry'), { dryRun: true });
    expect(dry.metadata?.name).toBe('dry');
    expect((await errorOf(t.kube.get(core.configMaps, 'default', 'dry'))).code).toBe('NotFound');
  });
});

describe('the status subresource', () => {
  test('status moves only through /status; spec changes there are ignored', async () => {
    const d = await t.kube.create(apps.deployments, deployment('web'));
    const withStatus = await t.kube.updateStatus(apps.deployments, { ...d, spec: { ...d.spec!, replicas: 7 }, status: { replicas: 3 } });
    expect(withStatus.status).toEqual({ replicas: 3 });
    expect(withStatus.spec?.replicas).toBeUndefined();
    const updated = await t.kube.update(apps.deployments, { ...withStatus, spec: { ...withStatus.spec!, replicas: 2 }, status: { replicas: 99 } });
    expect(updated.status).toEqual({ replicas: 3 });
    expect(updated.metadata?.generation).toBe(2);
    const patched = await t.kube.patch(apps.deployments, 'default', 'web', { type: 'merge', patch: { status: { readyReplicas: 1 } } }, { subresource: 'status' });
    expect(patched.status).toEqual({ replicas: 3, readyReplicas: 1 });
    expect(patched.metadata?.generation).toBe(2);
  });

  test('a kind without a status subresource has no /status', async () => {
    const one = await t.kube.create(core.configMaps, cm('one'));
    expect((await errorOf(t.kube.updateStatus(core.configMaps, one))).code).toBe('NotFound');
  });
});

describe('deletion', () => {
  test('finalizers hold an object with a deletionTimestamp until they are removed', async () => {
    await t.kube.create(core.configMaps, { ...cm('held'), metadata: { ...cm('held').metadata, finalizers: ['example.dev/hold'] } });
    const marked = await t.kube.delete(core.configMaps, 'default', 'held');
    expect(marked?.metadata?.deletionTimestamp).toEqual(expect.any(String));
    const still = await t.kube.get(core.configMaps, 'default', 'held');
    expect(still.metadata?.deletionTimestamp).toBeDefined();
    await t.kube.patch(core.configMaps, 'default', 'held', { type: 'merge', patch: { metadata: { finalizers: null } } });
    expect((await errorOf(t.kube.get(core.configMaps, 'default', 'held'))).code).toBe('NotFound');
  });

  test.each([
    { name: 'background deletion removes dependents', policy: 'Background' as const, podLeft: false },
    { name: 'orphan deletion keeps dependents without the owner reference', policy: 'Orphan' as const, podLeft: true },
  ])('$name', async ({ policy, podLeft }) => {
    const owner = await t.kube.create(apps.deployments, deployment('web'));
    const pod: Pod = {
      metadata: { name: 'web-1', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata!.uid!, controller: true }] },
      spec: { containers: [{ name: 'app', image: 'app' }] },
    };
    await t.kube.create(core.pods, pod);
    await t.kube.delete(apps.deployments, 'default', 'web', { propagationPolicy: policy });
    await t.store.settled();
    const left = await t.kube.list(core.pods, 'default');
    expect(left.items.length > 0).toBe(podLeft);
    if (podLeft) expect(left.items[0]?.metadata?.ownerReferences).toBeUndefined();
    expect((await errorOf(t.kube.get(apps.deployments, 'default', 'web'))).code).toBe('NotFound');
  });

  test('foreground deletion keeps the owner until its dependents are gone', async () => {
    const owner = await t.kube.create(apps.deployments, deployment('web'));
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: owner.metadata!.uid!, blockOwnerDeletion: true };
    await t.kube.create(core.pods, { metadata: { name: 'web-1', namespace: 'default', ownerReferences: [ref], finalizers: ['example.dev/hold'] }, spec: { containers: [{ name: 'a', image: 'a' }] } });
    const marked = await t.kube.delete(apps.deployments, 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(marked?.metadata?.finalizers).toContain('foregroundDeletion');
    await t.store.settled();
    expect((await t.kube.get(apps.deployments, 'default', 'web')).metadata?.deletionTimestamp).toBeDefined();
    await t.kube.patch(core.pods, 'default', 'web-1', { type: 'json', patch: [{ op: 'remove', path: '/metadata/finalizers' }] });
    await t.store.settled();
    expect((await errorOf(t.kube.get(apps.deployments, 'default', 'web'))).code).toBe('NotFound');
  });

  test('a resourceVersion precondition that no longer holds is a Conflict', async () => {
    const one = await t.kube.create(core.configMaps, cm('one'));
    await t.kube.update(core.configMaps, { ...one, data: { k: 'changed' } });
    const err = await errorOf(t.kube.delete(core.configMaps, 'default', 'one', { preconditionResourceVersion: one.metadata!.resourceVersion! }));
    expect(err.code).toBe('Conflict');
  });
});

describe('watch', () => {
  test('streams changes in order and resumes from a resourceVersion', async () => {
    const events = new Collector<WatchEvent<ConfigMap>>();
    const from = t.store.resourceVersion;
    const watch = await t.kube.watch(core.configMaps, 'default', { resourceVersion: from }, events.push);
    const a = await t.kube.create(core.configMaps, cm('a'));
    await t.kube.update(core.configMaps, { ...a, data: { k: 'v2' } });
    await t.kube.create(core.configMaps, cm('elsewhere', {}, 'team-a'));
    await t.kube.delete(core.configMaps, 'default', 'a');
    await events.until((e) => e.length >= 3);
    watch.stop();
    expect(events.items.map(describe_)).toEqual(['ADDED a', 'MODIFIED a', 'DELETED a']);

    const resumed = new Collector<WatchEvent<ConfigMap>>();
    const again = await t.kube.watch(core.configMaps, undefined, { resourceVersion: a.metadata!.resourceVersion! }, resumed.push);
    await resumed.until((e) => e.length >= 3);
    again.stop();
    expect(resumed.items.map(describe_)).toEqual(['MODIFIED a', 'ADDED elsewhere', 'DELETED a']);
  });

  test('without a resourceVersion it starts with the current objects, and selectors narrow it', async () => {
    await t.kube.create(core.configMaps, cm('web-1', { tier: 'web' }));
    await t.kube.create(core.configMaps, cm('db-1', { tier: 'db' }));
    const events = new Collector<WatchEvent<ConfigMap>>();
    const watch = await t.kube.watch(core.configMaps, 'default', { labelSelector: 'tier=web' }, events.push);
    await t.kube.create(core.configMaps, cm('web-2', { tier: 'web' }));
    await t.kube.patch(core.configMaps, 'default', 'web-1', { type: 'merge', patch: { metadata: { labels: { tier: 'db' } } } });
    await events.until((e) => e.length >= 3);
    watch.stop();
    expect(events.items.map(describe_)).toEqual(['ADDED web-1', 'ADDED web-2', 'DELETED web-1']);
  });

  test('a resourceVersion older than the retained history ends the watch with Gone', async () => {
    const old = t.store.resourceVersion;
    for (let i = 0; i < 25; i++) await t.kube.create(core.configMaps, cm(`c${i}`));
    const watch = await t.kube.watch(core.configMaps, 'default', { resourceVersion: old }, () => undefined);
    const err = await errorOf(watch.done);
    expect(err.code).toBe('Gone');
    expect(err.message).toContain('too old resource version');
  });

  test('an informer lists, watches and, after a Gone, lists again through the API', async () => {
    await t.kube.create(core.configMaps, cm('before'));
    const informer = new Informer(t.kube, core.configMaps, { namespace: 'default' });
    const seen = new Collector<string>();
    informer.addEventHandler({ onAdd: (o) => seen.push(`add ${o.metadata?.name ?? ''}`), onUpdate: (_o, n) => seen.push(`update ${n.metadata?.name ?? ''}`), onDelete: (o) => seen.push(`delete ${o.metadata?.name ?? ''}`) });
    informer.start();
    await informer.waitForSync();
    await t.kube.create(core.configMaps, cm('after'));
    await t.kube.delete(core.configMaps, 'default', 'before');
    await seen.until((s) => s.includes('delete before') && s.includes('add after'));
    expect(informer.lister.list('default').map((o) => o.metadata?.name)).toEqual(['after']);
    // A restore ends every watch with Gone; the informer lists again and keeps following.
    t.store.load(t.store.dump());
    await t.store.create(core.configMaps, cm('restored'));
    await seen.until((s) => s.includes('add restored'));
    expect(informer.lister.list('default').map((o) => o.metadata?.name)).toEqual(['after', 'restored']);
    await informer.stop();
  });
});
