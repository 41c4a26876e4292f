import { HttpError } from '../server/http-error.js';
import { convertObjects } from './convert-objects.js';
import { parseConversionReview } from './conversion-review.js';

const helloworld = {
  apiVersion: 'serving.knative.dev/v1alpha1',
  kind: 'Service',
  metadata: { name: 'helloworld-go', namespace: 'default' },
  spec: { runLatest: { configuration: { revisionTemplate: { spec: { container: { image: 'gcr.io/knative-samples/helloworld-go', env: [{ name: 'TARGET', value: 'Go Sample v1' }] } } } } } },
};

function review(desiredAPIVersion: string, objects: unknown[]): unknown {
  return { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'c-1', desiredAPIVersion, objects } };
}

describe('convertObjects', () => {
  test('v1alpha1 objects come back as v1, in order', () => {
    const route = { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Route', metadata: { name: 'r' }, spec: { traffic: [{ name: 'blue', revisionName: 'a', percent: 100 }] } };
    const response = convertObjects(parseConversionReview(review('serving.knative.dev/v1', [helloworld, route])));
    expect(response.result).toEqual({ status: 'Success' });
    expect(response.uid).toBe('c-1');
    expect(response.convertedObjects).toEqual([
      {
        apiVersion: 'serving.knative.dev/v1',
        kind: 'Service',
        metadata: { name: 'helloworld-go', namespace: 'default' },
        spec: {
          template: { spec: { containers: [{ image: 'gcr.io/knative-samples/helloworld-go', env: [{ name: 'TARGET', value: 'Go Sample v1' }] }] } },
          traffic: [{ latestRevision: true, percent: 100 }],
        },
      },
      { apiVersion: 'serving.knative.dev/v1', kind: 'Route', metadata: { name: 'r' }, spec: { traffic: [{ tag: 'blue', revisionName: 'a', percent: 100 }] } },
    ]);
  });

  test('stored v1 objects are served as v1alpha1 in their v1 form', () => {
    const v1 = { apiVersion: 'serving.knative.dev/v1', kind: 'Configuration', metadata: { name: 'c' }, spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    const response = convertObjects(parseConversionReview(review('serving.knative.dev/v1alpha1', [v1])));
    expect(response.convertedObjects).toEqual([{ ...v1, apiVersion: 'serving.knative.dev/v1alpha1' }]);
  });

  test.each([
    { from: 'serving.knative.dev/v1alpha1', to: 'serving.knative.dev/v1beta1' },
    { from: 'serving.knative.dev/v1beta1', to: 'serving.knative.dev/v1alpha1' },
  ])('a DomainMapping is relabelled from $from to $to', ({ from, to }) => {
    const dm = { apiVersion: from, kind: 'DomainMapping', metadata: { name: 'example.com' }, spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } } };
    expect(convertObjects(parseConversionReview(review(to, [dm]))).convertedObjects).toEqual([{ ...dm, apiVersion: to }]);
  });

  test('one object that cannot convert fails the review, naming the object and field', () => {
    const manual = { apiVersion: 'serving.knative.dev/v1alpha1', kind: 'Service', metadata: { name: 'm', namespace: 'prod' }, spec: { manual: {} } };
    const response = convertObjects(parseConversionReview(review('serving.knative.dev/v1', [helloworld, manual])));
    expect(response.result.status).toBe('Failure');
    expect(response.result.message).toMatch(/^conversion failed: Service prod\/m: spec\.manual: cannot be converted/);
    expect(response.convertedObjects).toEqual([]);
  });

  test.each([
    { name: 'an object that is not one', objects: [42], want: 'objects[0] (object): expected an object, got number' },
    { name: 'a kind of another group', objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } }], want: 'Deployment d: apiVersion: expected one of' },
    { name: 'an unknown target version', objects: [helloworld], desired: 'serving.knative.dev/v2', want: 'cannot convert to "serving.knative.dev/v2"' },
  ])('$name fails the review', ({ objects, desired, want }) => {
    const response = convertObjects(parseConversionReview(review(desired ?? 'serving.knative.dev/v1', objects)));
    expect(response.result.status).toBe('Failure');
    expect(response.result.message).toContain(want);
  });

  test.each([
    { name: 'another kind of review', body: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x' } }, want: 'apiVersion: expected apiextensions.k8s.io/v1, got "admission.k8s.io/v1"' },
    { name: 'v1beta1 reviews', body: { apiVersion: 'apiextensions.k8s.io/v1beta1', kind: 'ConversionReview' }, want: 'apiVersion' },
    { name: 'no uid', body: { apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { objects: [] } }, want: 'request.uid: expected a non-empty string, got undefined' },
  ])('$name is a bad review', ({ body, want }) => {
    let caught: unknown;
    try {
      parseConversionReview(body);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(HttpError);
    expect((caught as HttpError).code).toBe('BadReview');
    expect((caught as HttpError).message).toContain(want);
  });
});
