import type { DomainMapping } from '@knot/api';
import { makeDomainMappingIngress } from './make-ingress.js';

const dm: DomainMapping = {
  apiVersion: 'serving.knative.dev/v1beta1',
  kind: 'DomainMapping',
  metadata: { namespace: 'ns', name: 'www.example.org', uid: 'dm-uid', labels: { team: 'web' }, annotations: { note: 'x', 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
  spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello' } },
};

describe('makeDomainMappingIngress', () => {
  test('one external rule rewriting the host to the target, owned by the mapping', () => {
    expect(makeDomainMappingIngress({ mapping: dm, backendService: 'hello', targetHost: 'hello.ns.svc.cluster.local', ingressClass: 'knot', httpOption: 'Redirected', tls: [{ hosts: ['www.example.org'], secretName: 's', secretNamespace: 'ns' }] })).toEqual({
      apiVersion: 'networking.internal.knative.dev/v1alpha1',
      kind: 'Ingress',
      metadata: {
        name: 'www.example.org',
        namespace: 'ns',
        annotations: { 'networking.knative.dev/ingress.class': 'knot', note: 'x' },
        labels: { team: 'web', 'serving.knative.dev/domainMappingUID': 'dm-uid', 'serving.knative.dev/domainMappingNamespace': 'ns' },
        ownerReferences: [{ apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', name: 'www.example.org', uid: 'dm-uid', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        rules: [
          {
            hosts: ['www.example.org'],
            visibility: 'ExternalIP',
            http: {
              paths: [
                {
                  rewriteHost: 'hello.ns.svc.cluster.local',
                  splits: [{ serviceNamespace: 'ns', serviceName: 'hello', servicePort: 80, percent: 100, appendHeaders: { 'K-Original-Host': 'www.example.org' } }],
                },
              ],
            },
          },
        ],
        tls: [{ hosts: ['www.example.org'], secretName: 's', secretNamespace: 'ns' }],
        httpOption: 'Redirected',
      },
    });
  });

  test('a long domain gets a valid Ingress name', () => {
    const long = `${'a'.repeat(70)}.example.org`;
    const name = makeDomainMappingIngress({ mapping: { ...dm, metadata: { ...dm.metadata, name: long } }, backendService: 'hello', targetHost: 'h', ingressClass: 'knot' }).metadata?.name ?? '';
    expect(name.length).toBeLessThanOrEqual(63);
  });
});
