import { HttpError } from '../server/http-error.js';
import { admissionReview } from '../testing-fixtures/reviews.js';
import { parseAdmissionReview } from './admission-review.js';

function problemOf(body: unknown): string {
  try {
    parseAdmissionReview(body);
  } catch (err) {
    if (err instanceof HttpError && err.code === 'BadReview') return err.message;
    throw err;
  }
  throw new Error('expected a BadReview error');
}

const valid = admissionReview({ object: { spec: {} } });
const withRequest = (request: Record<string, unknown>) => ({ ...valid, request: { ...(valid.request as object), ...request } });

describe('parseAdmissionReview', () => {
  test('reads what the handlers use', () => {
    expect(parseAdmissionReview(admissionReview({ object: { a: 1 }, oldObject: { b: 2 }, operation: 'UPDATE', subResource: 'status' }))).toEqual({
      uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind: { group: 'serving.knative.dev', version: 'v1', kind: 'Service' },
      subResource: 'status',
      name: 'hello',
      namespace: 'default',
      operation: 'UPDATE',
      username: 'alice@example.com',
      object: { a: 1 },
      oldObject: { b: 2 },
    });
  });

  test('a null oldObject and missing userInfo are absent', () => {
    const req = parseAdmissionReview(withRequest({ userInfo: undefined }));
    expect(req.oldObject).toBeUndefined();
    expect(req.username).toBe('');
  });

  test.each([
    { name: 'not an object', body: [1], want: 'expected an AdmissionReview object, got array' },
    { name: 'v1beta1', body: { ...valid, apiVersion: 'admission.k8s.io/v1beta1' }, want: 'apiVersion: expected admission.k8s.io/v1, got "admission.k8s.io/v1beta1"' },
    { name: 'another kind', body: { ...valid, kind: 'ConversionReview' }, want: 'kind: expected AdmissionReview, got "ConversionReview"' },
    { name: 'no request', body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview' }, want: 'request: expected an object, got undefined' },
    { name: 'no uid', body: withRequest({ uid: undefined }), want: 'request.uid: expected a non-empty string, got undefined' },
    { name: 'an empty uid', body: withRequest({ uid: '' }), want: 'request.uid: expected a non-empty string, got ""' },
    { name: 'a numeric uid', body: withRequest({ uid: 7 }), want: 'request.uid: expected a non-empty string, got number' },
    { name: 'an unknown operation', body: withRequest({ operation: 'PATCH' }), want: 'request.operation: expected one of CREATE, UPDATE, DELETE, CONNECT, got "PATCH"' },
    { name: 'no kind', body: withRequest({ kind: 'Service' }), want: 'request.kind: expected {group, version, kind}' },
  ])('$name is a bad review naming the field', ({ body, want }) => {
    expect(problemOf(body)).toBe(want);
  });
});
