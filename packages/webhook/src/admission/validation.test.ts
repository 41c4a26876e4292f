import { setRevisionDefaults, setServiceDefaults, type Revision, type Service } from '@knot/api';
import { DEFAULT_SERVING_CONFIGS } from '../config/serving-configs.js';
import { admissionReview, userService, type ReviewOptions } from '../testing-fixtures/reviews.js';
import { parseAdmissionReview } from './admission-review.js';
import { admitValidation } from './validation.js';

const UID = '705ab4f5-6393-11e8-b7cc-42010a800002';
const admit = (opts: ReviewOptions) => admitValidation(parseAdmissionReview(admissionReview(opts)), DEFAULT_SERVING_CONFIGS);
const defaulted = (s: Record<string, unknown>) => setServiceDefaults(s as unknown as Service, { user: 'alice' }) as unknown as Record<string, unknown>;
const REVISION_GVK = { group: 'serving.knative.dev', version: 'v1', kind: 'Revision' };
const revision = (image: string) =>
  setRevisionDefaults({
    metadata: { name: 'hello-00001', namespace: 'default' },
    spec: { containers: [{ image }] },
  } as Revision) as unknown as Record<string, unknown>;

describe('admitValidation', () => {
  test('a valid defaulted Service is allowed', () => {
    expect(admit({ object: defaulted(userService()) })).toEqual({ uid: UID, allowed: true });
  });

  test('an invalid Service is denied naming the field, with a cause per field', () => {
    const response = admit({ object: defaulted(userService({ containerConcurrency: 5000 })) });
    expect(response.allowed).toBe(false);
    expect(response.result).toEqual({
      status: 'Failure',
      reason: 'BadRequest',
      code: 400,
      message: 'validation failed: spec.template.spec.containerConcurrency: must be between 0 and 1000, got 5000',
      details: { causes: [{ reason: 'FieldValueInvalid', field: 'spec.template.spec.containerConcurrency', message: 'must be between 0 and 1000, got 5000' }] },
    });
  });

  test('every field error is listed, one per line', () => {
    const bad = defaulted(userService({ containerConcurrency: -1, image: '' }));
    const response = admit({ object: bad });
    const lines = response.result?.message?.replace('validation failed: ', '').split('\n') ?? [];
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('spec.template.spec.containerConcurrency: must be between 0 and 1000, got -1');
    expect(response.result?.details?.causes.map((c) => c.field)).toEqual(expect.arrayContaining(['spec.template.spec.containerConcurrency', 'spec.template.spec.containers[0].image']));
  });

  test('a Revision spec change on UPDATE is denied as immutable', () => {
    const response = admit({ kind: REVISION_GVK, operation: 'UPDATE', oldObject: revision('example.com/v1'), object: revision('example.com/v2') });
    expect(response.allowed).toBe(false);
    expect(response.result?.message).toContain('validation failed: spec: immutable');
    expect(response.result?.details?.causes[0]?.field).toBe('spec');
  });

  test('a Revision metadata change on UPDATE is allowed', () => {
    const next = { ...revision('example.com/v1'), metadata: { name: 'hello-00001', namespace: 'default', labels: { team: 'a' } } };
    expect(admit({ kind: REVISION_GVK, operation: 'UPDATE', oldObject: revision('example.com/v1'), object: next })).toEqual({ uid: UID, allowed: true });
  });

  test('a bring-your-own revision name must change with the template', () => {
    const named = (image: string) => {
      const s = defaulted(userService({ image })) as unknown as Service;
      s.spec.template.metadata = { name: 'hello-v1' };
      return s as unknown as Record<string, unknown>;
    };
    const response = admit({ operation: 'UPDATE', oldObject: named('example.com/v1'), object: named('example.com/v2') });
    expect(response.allowed).toBe(false);
    expect(response.result?.details?.causes[0]?.field).toContain('spec.template');
  });

  test.each([
    { name: 'a status update, however broken', opts: { operation: 'UPDATE', subResource: 'status', object: { spec: 'broken' }, oldObject: {} } },
    { name: 'a DELETE', opts: { operation: 'DELETE', oldObject: userService() } },
    { name: 'removing a finalizer from an object being deleted', opts: { operation: 'UPDATE', object: { metadata: { name: 'x', deletionTimestamp: '2030-01-01T00:00:00Z' }, spec: 'broken' }, oldObject: {} } },
  ])('$name is allowed', ({ opts }) => {
    expect(admit(opts)).toEqual({ uid: UID, allowed: true });
  });

  test.each([
    { name: 'an unknown kind', opts: { kind: { group: 'serving.knative.dev', version: 'v1', kind: 'Widget' }, object: {} }, want: 'validation failed: unhandled kind: serving.knative.dev/v1, Kind=Widget' },
    { name: 'a null object', opts: { object: null }, want: 'validation failed: request.object: expected an object, got null' },
    { name: 'a Service without spec', opts: { object: { metadata: { name: 'hello' } } }, want: 'validation failed: spec: required' },
  ])('$name is denied naming the problem', ({ opts, want }) => {
    const response = admit(opts);
    expect(response.allowed).toBe(false);
    expect(response.result?.message).toBe(want);
  });
});
