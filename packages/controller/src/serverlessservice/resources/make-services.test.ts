import type { ServerlessService } from '@knot/api';
import { makePrivateService, makePublicService, privateServiceName } from './make-services.js';

const sks = (protocolType: 'http1' | 'h2c', extra: Partial<NonNullable<ServerlessService['metadata']>> = {}): ServerlessService => ({
  apiVersion: 'networking.internal.knative.dev/v1alpha1',
  kind: 'ServerlessService',
  metadata: { namespace: 'ns', name: 'grpc-00001', uid: 'sks-uid', ...extra },
  spec: { mode: 'Serve', objectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'grpc-00001-deployment' }, protocolType },
});

describe('SKS services', () => {
  test('an h2c revision is served on port 81 publicly and 80 privately, both to queue-proxy h2c', () => {
    const h2c = { name: 'http2', protocol: 'TCP', appProtocol: 'kubernetes.io/h2c', targetPort: 8013 };
    expect(makePublicService(sks('h2c')).spec?.ports).toEqual([
      { ...h2c, port: 81 },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 8112 },
    ]);
    expect(makePrivateService(sks('h2c'), { a: 'b' }).spec?.ports).toEqual([
      { ...h2c, port: 80 },
      { name: 'https', protocol: 'TCP', port: 443, targetPort: 8112 },
      { name: 'http-autometric', protocol: 'TCP', port: 9090, targetPort: 'http-autometric' },
      { name: 'http-usermetric', protocol: 'TCP', port: 9091, targetPort: 'http-usermetric' },
      { name: 'http2-istio', protocol: 'TCP', port: 8013, targetPort: 8013 },
    ]);
  });

  test('the public service has no selector; the private one selects the pods', () => {
    expect(makePublicService(sks('http1')).spec?.selector).toBeUndefined();
    expect(makePrivateService(sks('http1'), { 'serving.knative.dev/revisionUID': 'u' }).spec?.selector).toEqual({ 'serving.knative.dev/revisionUID': 'u' });
  });

  test("children carry the SKS's labels and annotations, the SKS label, their type and a controller reference", () => {
    const owner = sks('http1', { labels: { 'serving.knative.dev/revision': 'grpc-00001' }, annotations: { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' } });
    expect(makePrivateService(owner, {}).metadata).toEqual({
      namespace: 'ns',
      name: 'grpc-00001-private',
      labels: {
        'serving.knative.dev/revision': 'grpc-00001',
        'networking.internal.knative.dev/serverlessservice': 'grpc-00001',
        'networking.internal.knative.dev/serviceType': 'Private',
      },
      annotations: { 'autoscaling.knative.dev/class': 'kpa.autoscaling.knative.dev' },
      ownerReferences: [{ apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'ServerlessService', name: 'grpc-00001', uid: 'sks-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(makePublicService(owner).metadata?.labels?.['networking.internal.knative.dev/serviceType']).toBe('Public');
  });

  test.each([
    { name: 'a short name gets -private', sks: 'hello-00001', want: 'hello-00001-private' },
    {
      name: 'a long name is cut and hashed to stay a valid 63-character name',
      sks: 'a-very-long-service-name-that-goes-on-and-on-and-on-00001',
      want: 'a-very-long-service-nam43c1a7d4b9734e5fbecfd9005113550b-private',
    },
  ])('$name', ({ sks: name, want }) => {
    expect(privateServiceName(name)).toBe(want);
    expect(privateServiceName(name).length).toBeLessThanOrEqual(63);
  });
});
