import { CREATOR_ANNOTATION, parseConfigDefaults, setServiceDefaults, UPDATER_ANNOTATION, type Service } from '@knot/api';
import { DEFAULT_SERVING_CONFIGS } from '../config/serving-configs.js';
import { admissionReview, patched, patchOf, userService, type ReviewOptions } from '../testing-fixtures/reviews.js';
import { parseAdmissionReview } from './admission-review.js';
import { admitDefaulting } from './defaulting.js';

const admit = (opts: ReviewOptions, configs = DEFAULT_SERVING_CONFIGS) => admitDefaulting(parseAdmissionReview(admissionReview(opts)), configs);

type Meta = { metadata: { annotations?: Record<string, string> } };
const annotationsOf = (obj: unknown) => (obj as Meta).metadata.annotations ?? {};

describe('admitDefaulting', () => {
  test('a new Service is admitted with a patch that yields the defaulted Service', () => {
    const service = userService();
    const response = admit({ object: service });
    expect(response).toMatchObject({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true, patchType: 'JSONPatch' });
    expect(patched(service, response)).toEqual(setServiceDefaults(service as unknown as Service, { user: 'alice@example.com' }));
    expect(patched(service, response)).toMatchObject({
      spec: { template: { spec: { timeoutSeconds: 300, containerConcurrency: 0, containers: [{ name: 'user-container' }] } }, traffic: [{ latestRevision: true, percent: 100 }] },
    });
  });

  test('creator and lastModifier come from the requesting user on CREATE', () => {
    const response = admit({ object: userService(), username: 'bob' });
    expect(annotationsOf(patched(userService(), response))).toEqual({ [CREATOR_ANNOTATION]: 'bob', [UPDATER_ANNOTATION]: 'bob' });
    expect(patchOf(response)).toContainEqual({ op: 'add', path: '/metadata/annotations', value: { [CREATOR_ANNOTATION]: 'bob', [UPDATER_ANNOTATION]: 'bob' } });
  });

  test('existing annotations get escaped keys added beside them', () => {
    const service = userService({ annotations: { team: 'a' } });
    expect(patchOf(admit({ object: service, username: 'bob' }))).toContainEqual({ op: 'add', path: '/metadata/annotations/serving.knative.dev~1creator', value: 'bob' });
  });

  test.each([
    { name: 'a spec change records the new lastModifier', image: 'example.com/v2', want: 'carol' },
    { name: 'a metadata-only change keeps the lastModifier', image: undefined, want: 'alice' },
  ])('$name on UPDATE', ({ image, want }) => {
    const stored = setServiceDefaults(userService() as unknown as Service, { user: 'alice' }) as unknown as Record<string, unknown>;
    const next = structuredClone(stored) as unknown as Service;
    next.metadata = { ...next.metadata, labels: { changed: 'yes' } };
    if (image) next.spec.template.spec.containers[0]!.image = image;
    const response = admit({ operation: 'UPDATE', object: next, oldObject: stored, username: 'carol' });
    expect(response.allowed).toBe(true);
    expect(annotationsOf(patched(next, response))).toEqual({ [CREATOR_ANNOTATION]: 'alice', [UPDATER_ANNOTATION]: want });
  });

  test('an already defaulted object gets no patch', () => {
    const service = setServiceDefaults(userService() as unknown as Service, { user: 'alice@example.com' });
    expect(admit({ object: service })).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
  });

  test('config-defaults in the current snapshot apply', () => {
    const configs = { ...DEFAULT_SERVING_CONFIGS, defaults: parseConfigDefaults({ 'revision-timeout-seconds': '120', 'container-concurrency': '7' }) };
    const out = patched(userService(), admit({ object: userService() }, configs)) as Service;
    expect(out.spec.template.spec).toMatchObject({ timeoutSeconds: 120, containerConcurrency: 7 });
  });

  test.each([
    { name: 'Configuration', kind: 'Configuration', object: { metadata: { name: 'c' }, spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, wantPath: '/spec/template/spec/timeoutSeconds' },
    { name: 'Revision', kind: 'Revision', object: { metadata: { name: 'r' }, spec: { containers: [{ image: 'x' }] } }, wantPath: '/spec/timeoutSeconds' },
    { name: 'Route', kind: 'Route', object: { metadata: { name: 'r' }, spec: { traffic: [{ revisionName: 'a', percent: 100 }] } }, wantPath: '/spec/traffic/0/latestRevision' },
  ])('a $name is defaulted', ({ kind, object, wantPath }) => {
    const response = admit({ kind: { group: 'serving.knative.dev', version: 'v1', kind }, object });
    expect(patchOf(response).map((op) => op.path)).toContain(wantPath);
  });

  test('a DomainMapping ref gets the mapping\'s namespace', () => {
    const object = { metadata: { name: 'example.com', namespace: 'prod' }, spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } } };
    const response = admit({ kind: { group: 'serving.knative.dev', version: 'v1beta1', kind: 'DomainMapping' }, object });
    expect(patchOf(response)).toContainEqual({ op: 'add', path: '/spec/ref/namespace', value: 'prod' });
  });

  test.each([
    { name: 'a status update', opts: { operation: 'UPDATE', subResource: 'status', object: userService(), oldObject: userService() } },
    { name: 'a DELETE', opts: { operation: 'DELETE', object: null, oldObject: userService() } },
    { name: 'an update of an object being deleted', opts: { operation: 'UPDATE', object: { ...userService(), metadata: { name: 'hello', deletionTimestamp: '2030-01-01T00:00:00Z' } }, oldObject: userService() } },
  ])('$name is admitted unchanged', ({ opts }) => {
    expect(admit(opts)).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: true });
  });

  test.each([
    { name: 'an unknown kind', opts: { kind: { group: 'serving.knative.dev', version: 'v1', kind: 'Widget' }, object: {} }, want: 'mutation failed: unhandled kind: serving.knative.dev/v1, Kind=Widget' },
    { name: 'an old version the API server should have converted', opts: { kind: { group: 'serving.knative.dev', version: 'v1alpha1', kind: 'Service' }, object: {} }, want: 'mutation failed: unhandled kind: serving.knative.dev/v1alpha1, Kind=Service' },
    { name: 'a core kind', opts: { kind: { group: '', version: 'v1', kind: 'Pod' }, object: {} }, want: 'mutation failed: unhandled kind: v1, Kind=Pod' },
    { name: 'an object that is not an object', opts: { object: 'hello' }, want: 'mutation failed: request.object: expected an object, got string' },
    { name: 'an UPDATE without the stored object', opts: { operation: 'UPDATE', object: userService() }, want: 'mutation failed: request.oldObject: expected the stored object on UPDATE, got undefined' },
  ])('$name is denied naming the problem', ({ opts, want }) => {
    expect(admit(opts)).toEqual({ uid: '705ab4f5-6393-11e8-b7cc-42010a800002', allowed: false, result: { status: 'Failure', message: want, reason: 'BadRequest', code: 400 } });
  });
});
