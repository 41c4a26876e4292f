import { admissionReview, type ReviewOptions } from '../testing-fixtures/reviews.js';
import { parseAdmissionReview } from './admission-review.js';
import { admitConfigMap } from './config-validation.js';

const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';
const CONFIG_MAP = { group: '', version: 'v1', kind: 'ConfigMap' };
const admit = (opts: ReviewOptions) => admitConfigMap(parseAdmissionReview(admissionReview({ kind: CONFIG_MAP, namespace: 'knative-serving', ...opts })), 'knative-serving');
const configMap = (name: string, data: unknown, namespace = 'knative-serving') => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });

describe('admitConfigMap', () => {
  test.each([
    { name: 'a valid config-autoscaler', cm: configMap('config-autoscaler', { 'container-concurrency-target-default': '50' }) },
    { name: 'an empty config-defaults', cm: configMap('config-defaults', undefined) },
    { name: 'only the _example key', cm: configMap('config-gc', { _example: '# anything at all' }) },
    { name: 'a config map knot does not read', cm: configMap('config-observability', { anything: 'goes' }) },
  ])('$name is allowed', ({ cm }) => {
    expect(admit({ name: cm.metadata.name, object: cm })).toEqual({ uid: UID, allowed: true });
  });

  test('a bad value is denied naming the map and the key', () => {
    const cm = configMap('config-autoscaler', { 'container-concurrency-target-default': 'lots' });
    const response = admit({ name: 'config-autoscaler', object: cm });
    expect(response.allowed).toBe(false);
    expect(response.result?.message).toMatch(/^validation failed: config-autoscaler: container-concurrency-target-default: /);
    expect(response.result?.details?.causes[0]?.field).toBe('container-concurrency-target-default');
  });

  test('the name comes from the object when the request has none', () => {
    const cm = configMap('config-defaults', { 'revision-timeout-seconds': 'forever' });
    const response = admit({ name: '', object: cm });
    expect(response.result?.message).toContain('config-defaults: revision-timeout-seconds');
  });

  test('a map of the same name in another namespace is not knot\'s', () => {
    const cm = configMap('config-autoscaler', { 'container-concurrency-target-default': 'lots' }, 'default');
    expect(admit({ name: 'config-autoscaler', namespace: 'default', object: cm })).toEqual({ uid: UID, allowed: true });
  });

  test.each([
    { name: 'a non-string value', object: configMap('config-gc', { 'max-non-active-revisions': 5 }), want: 'validation failed: config-gc: data[max-non-active-revisions]: expected a string, got number' },
    { name: 'data that is a list', object: configMap('config-gc', ['a']), want: 'validation failed: config-gc: data: expected an object, got array' },
  ])('$name is denied', ({ object, want }) => {
    expect(admit({ name: 'config-gc', object }).result?.message).toBe(want);
  });

  test('another kind is denied as unhandled', () => {
    expect(admit({ kind: { group: '', version: 'v1', kind: 'Secret' }, object: {} }).result?.message).toBe('validation failed: unhandled kind: v1, Kind=Secret');
  });

  test('a DELETE is allowed', () => {
    expect(admit({ operation: 'DELETE', name: 'config-gc', oldObject: configMap('config-gc', {}) })).toEqual({ uid: UID, allowed: true });
  });
});
