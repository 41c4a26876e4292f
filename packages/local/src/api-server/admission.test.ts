// Writes through the local API are admitted as knot's webhook admits them on a
// cluster: Serving objects defaulted and validated (refusals worded as
// kube-apiserver words a webhook denial), v1alpha1 converted, config maps checked.
import { core, serving, SERVING_NAMESPACE, type Revision, type Service } from '@knot/api';
import { AdmissionDeniedError, admitAll, type Admission } from './admission.js';
import { errorOf, startTestApi, type TestApi } from './test-fixture.js';

let t: TestApi;

afterEach(() => t.stop());


// Built as a user writes it: without the fields defaulting fills (container names included).
const ksvc = (name: string, containerExtra: Record<string, unknown> = {}, specExtra: Record<string, unknown> = {}): Service =>
  ({
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go', ...containerExtra }], ...specExtra } } },
  }) as Service;

describe('Serving admission', () => {
  beforeEach(async () => {
    t = await startTestApi();
  });

  test('an invalid Service is refused with every field error, as a webhook denial reads through kube-apiserver', async () => {
    const bad = ksvc('bad', { image: undefined }, { containerConcurrency: 5000 });
    const reply = await t.request('POST', '/apis/serving.knative.dev/v1/namespaces/default/services', { body: bad });
    expect(reply.status).toBe(400);
    expect(reply.json()).toEqual({
      apiVersion: 'v1',
      kind: 'Status',
      metadata: {},
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message:
        'admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: spec.template.spec.containers[0].image: required\n' +
        'spec.template.spec.containerConcurrency: must be between 0 and 1000, got 5000',
      details: {
        causes: [
          { reason: 'FieldValueInvalid', field: 'spec.template.spec.containers[0].image', message: 'required' },
          { reason: 'FieldValueInvalid', field: 'spec.template.spec.containerConcurrency', message: 'must be between 0 and 1000, got 5000' },
        ],
      },
    });
    expect((await errorOf(t.store.get(serving.services, 'default', 'bad'))).code).toBe('NotFound');
    // The KubeClient surfaces the same refusal as an ApiError naming the field.
    const err = await errorOf(t.kube.create(serving.services, bad));
    expect(err.code).toBe('BadRequest');
    expect(err.causes.map((c) => c.field)).toEqual(['spec.template.spec.containers[0].image', 'spec.template.spec.containerConcurrency']);
  });

  test('a valid Service is stored defaulted, with the requesting user as creator', async () => {
    const created = await t.kube.create(serving.services, ksvc('hello'));
    expect(created.spec?.template?.spec).toMatchObject({ containerConcurrency: 0, timeoutSeconds: 300, containers: [{ name: 'user-container' }] });
    expect(created.spec?.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
    expect(created.metadata?.annotations).toMatchObject({ 'serving.knative.dev/creator': 'knot-dev-admin', 'serving.knative.dev/lastModifier': 'knot-dev-admin' });
    expect(await t.store.get(serving.services, 'default', 'hello')).toEqual(created);
  });

  test('defaults follow config-defaults in knative-serving', async () => {
    await t.store.create(core.configMaps, { metadata: { name: 'config-defaults', namespace: SERVING_NAMESPACE }, data: { 'revision-timeout-seconds': '120' } });
    const created = await t.kube.create(serving.services, ksvc('hello'));
    expect(created.spec?.template?.spec?.timeoutSeconds).toBe(120);
  });

  test('a dry run answers the defaulted object and stores nothing', async () => {
    const dry = await t.kube.create(serving.services, ksvc('dry'), { dryRun: true });
    expect(dry.spec?.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
    expect((await errorOf(t.store.get(serving.services, 'default', 'dry'))).code).toBe('NotFound');
  });

  test('updates are validated against the stored object: a Revision spec never changes', async () => {
    const rev = { metadata: { name: 'hello-00001', namespace: 'default' }, spec: { containers: [{ image: 'app:1' }] } } as Revision;
    await t.kube.create(serving.revisions, rev);
    const err = await errorOf(t.kube.patch(serving.revisions, 'default', 'hello-00001', { type: 'json', patch: [{ op: 'replace', path: '/spec/containers/0/image', value: 'app:2' }] }));
    expect(err.message).toMatch(/^admission webhook "validation\.webhook\.serving\.knative\.dev" denied the request: validation failed: spec: immutable/);
    // Labels are not spec: they may change.
    const labeled = await t.kube.patch(serving.revisions, 'default', 'hello-00001', { type: 'merge', patch: { metadata: { labels: { a: 'b' } } } });
    expect(labeled.metadata?.labels).toEqual({ a: 'b' });
  });

  test('status writes are not admitted, so defaulting never touches them', async () => {
    const created = await t.kube.create(serving.services, ksvc('hello'));
    const status = await t.kube.updateStatus(serving.services, { ...created, status: { observedGeneration: 1 } });
    expect(status.status).toEqual({ observedGeneration: 1 });
    expect(status.metadata?.resourceVersion).not.toBe(created.metadata?.resourceVersion);
  });

  test('an object being deleted can lose its finalizers even if it would not validate now', async () => {
    // Stored directly, as if written before the rules it breaks.
    await t.store.create(serving.services, { ...ksvc('old', { image: '' }), metadata: { name: 'old', namespace: 'default', finalizers: ['example.dev/hold'] } });
    await t.kube.delete(serving.services, 'default', 'old');
    await t.kube.patch(serving.services, 'default', 'old', { type: 'merge', patch: { metadata: { finalizers: null } } });
    expect((await errorOf(t.store.get(serving.services, 'default', 'old'))).code).toBe('NotFound');
  });
});

describe('older Serving versions', () => {
  const runLatest = {
    apiVersion: 'serving.knative.dev/v1alpha1',
    kind: 'Service',
    metadata: { name: 'old', namespace: 'default' },
    spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'gcr.io/knative-samples/helloworld-go' } } } } } },
  };

  beforeEach(async () => {
    t = await startTestApi();
  });

  test('a v1alpha1 runLatest Service is converted, defaulted and stored as v1', async () => {
    const reply = await t.request('POST', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services', { body: runLatest });
    expect(reply.status).toBe(201);
    expect(reply.json()).toMatchObject({ apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Service' });
    const stored = await t.kube.get(serving.services, 'default', 'old');
    expect(stored.apiVersion).toBe('serving.knative.dev/v1');
    expect(stored.spec?.template?.spec?.containers).toMatchObject([{ image: 'gcr.io/knative-samples/helloworld-go', name: 'user-container' }]);
    expect(stored.spec?.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
    const readBack = await t.request('GET', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services/old');
    expect(readBack.json()).toMatchObject({ apiVersion: 'serving.knative.dev/v1alpha1', spec: { traffic: [{ latestRevision: true, percent: 100 }] } });
  });

  test('applying the same v1alpha1 manifest again (a merge patch onto what reads back) keeps the Service as it was', async () => {
    await t.request('POST', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services', { body: runLatest });
    const before = await t.kube.get(serving.services, 'default', 'old');
    const reply = await t.request('PATCH', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services/old', { body: { spec: runLatest.spec }, contentType: 'application/merge-patch+json' });
    expect(reply.status).toBe(200);
    const after = await t.kube.get(serving.services, 'default', 'old');
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata?.generation).toBe(1);
  });

  test('a v1alpha1 mode that cannot convert is refused naming the field', async () => {
    const pinned = { ...runLatest, spec: { pinned: { configuration: runLatest.spec.runLatest.configuration } } };
    const reply = await t.request('POST', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services', { body: pinned });
    expect(reply.status).toBe(400);
    expect(reply.json<{ message: string }>().message).toBe('conversion webhook for serving.knative.dev/v1alpha1, Kind=Service failed: spec.pinned.revisionName: required');
  });

  test('a v1alpha1 body sent to the v1 path is refused, as kube-apiserver does', async () => {
    const reply = await t.request('POST', '/apis/serving.knative.dev/v1/namespaces/default/services', { body: runLatest });
    expect(reply.status).toBe(400);
    expect(reply.json<{ message: string }>().message).toBe('the API version in the data (serving.knative.dev/v1alpha1) does not match the expected API version (serving.knative.dev/v1)');
  });

  test('watches at v1alpha1 see objects as v1alpha1', async () => {
    await t.kube.create(serving.services, ksvc('hello'));
    const reply = await t.request('GET', '/apis/serving.knative.dev/v1alpha1/namespaces/default/services?watch=1&timeoutSeconds=0');
    expect(reply.status).toBe(200);
    const [first] = reply.text.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: Service });
    expect(first).toMatchObject({ type: 'ADDED', object: { apiVersion: 'serving.knative.dev/v1alpha1', metadata: { name: 'hello' } } });
  });
});

describe('config maps in knative-serving', () => {
  const labels = { 'app.kubernetes.io/name': 'knative-serving', 'app.kubernetes.io/component': 'autoscaler' };

  beforeEach(async () => {
    t = await startTestApi();
  });

  test.each([
    { name: 'a bad value in a labelled knot config map is refused', namespace: SERVING_NAMESPACE, withLabels: true, refused: true },
    { name: 'the same map without the webhook labels is not checked', namespace: SERVING_NAMESPACE, withLabels: false, refused: false },
    { name: 'the same map in another namespace is not checked', namespace: 'default', withLabels: true, refused: false },
  ])('$name', async ({ namespace, withLabels, refused }) => {
    const map = { metadata: { name: 'config-autoscaler', namespace, ...(withLabels ? { labels } : {}) }, data: { 'max-scale-up-rate': '0.5' } };
    const write = t.kube.create(core.configMaps, map);
    if (!refused) return expect((await write).data).toEqual(map.data);
    const err = await errorOf(write);
    expect(err.code).toBe('BadRequest');
    expect(err.message).toMatch(/^admission webhook "config\.webhook\.serving\.knative\.dev" denied the request: validation failed: config-autoscaler: max-scale-up-rate: /);
  });
});

describe('injected admission', () => {
  test('admitAll stores what it is given', async () => {
    t = await startTestApi({ admission: admitAll });
    const stored = await t.kube.create(serving.services, ksvc('bare'));
    expect(stored.spec?.traffic).toBeUndefined();
  });

  test('a custom step sees the stored object and the user, and its denial reaches the client', async () => {
    const seen: string[] = [];
    const admission: Admission = ({ operation, oldObject, user, object }) => {
      seen.push(`${operation} ${user} ${oldObject?.metadata?.resourceVersion ?? '-'}`);
      if (object.metadata?.labels?.deny) throw new AdmissionDeniedError('policy.example.dev', 'labelled deny');
      return object;
    };
    t = await startTestApi({ admission, user: 'alice' });
    const created = await t.kube.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' } });
    const err = await errorOf(t.kube.update(core.configMaps, { ...created, metadata: { ...created.metadata, labels: { deny: 'yes' } } }));
    expect(err.message).toBe('admission webhook "policy.example.dev" denied the request: labelled deny');
    expect(seen).toEqual(['CREATE alice -', `UPDATE alice ${created.metadata?.resourceVersion ?? ''}`]);
  });
});
