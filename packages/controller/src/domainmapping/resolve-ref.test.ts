import type { DomainMapping, KReference, Route, Service } from '@knot/api';
import { domainHolder } from './domain-claim.js';
import { resolveReference, type AddressableListers } from './resolve-ref.js';

const svc = (url?: string): Service => ({ spec: { template: { spec: { containers: [] } } }, status: url === undefined ? { address: {} } : { address: { url } } });
const services: Record<string, Service> = {
  hello: svc('http://hello.default.svc.cluster.local'),
  pathy: svc('http://pathy.default.svc.cluster.local/api'),
  slash: svc('http://slash.default.svc.cluster.local/'),
  elsewhere: svc('http://elsewhere.other.svc.cluster.local'),
  deep: svc('http://a.b.default.svc.cluster.local'),
  nourl: svc(),
};
const route: Route = { spec: {}, status: { address: { url: 'http://r.default.svc.cluster.local' } } };
const listers: AddressableListers = {
  services: { get: (_ns, name) => services[name] },
  routes: { get: (_ns, name) => (name === 'r' ? route : undefined) },
};
const ksvc = (name: string): KReference => ({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', name });

describe('resolveReference', () => {
  test.each<{ name: string; ref: KReference; want: ReturnType<typeof resolveReference> }>([
    { name: 'a Knative Service', ref: ksvc('hello'), want: { host: 'hello.default.svc.cluster.local', backendService: 'hello' } },
    { name: 'a trailing slash is no path', ref: ksvc('slash'), want: { host: 'slash.default.svc.cluster.local', backendService: 'slash' } },
    { name: 'a Route', ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'r' }, want: { host: 'r.default.svc.cluster.local', backendService: 'r' } },
    { name: 'a Kubernetes Service', ref: { apiVersion: 'v1', kind: 'Service', name: 'db' }, want: { host: 'db.default.svc.cluster.local', backendService: 'db' } },
    { name: 'a path cannot be mapped', ref: ksvc('pathy'), want: { problem: 'resolved URI "http://pathy.default.svc.cluster.local/api" contains a path' } },
    { name: 'another namespace', ref: ksvc('elsewhere'), want: { problem: 'resolved URI "http://elsewhere.other.svc.cluster.local" must be in same namespace as DomainMapping' } },
    { name: 'not a service host', ref: ksvc('deep'), want: { problem: 'resolved URI "http://a.b.default.svc.cluster.local" must be of the form {name}.{namespace}.svc.cluster.local' } },
    { name: 'an address without url', ref: ksvc('nourl'), want: { problem: 'URL missing in address of Service default/nourl' } },
    { name: 'a missing Route', ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'gone' }, want: { problem: 'failed to get object default/gone: routes.serving.knative.dev "gone" not found' } },
    {
      name: 'a kind knot cannot look up',
      ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'b' },
      want: { problem: 'failed to get object default/b: knot resolves serving.knative.dev/v1 Services and Routes and v1 Services, not eventing.knative.dev/v1 Broker' },
    },
  ])('$name', ({ ref, want }) => {
    expect(resolveReference(ref, 'default', listers, 'cluster.local')).toEqual(want);
  });
});

describe('domainHolder', () => {
  const dm = (namespace: string, created: string, deleting = false): DomainMapping => ({
    metadata: { name: 'a.example.org', namespace, creationTimestamp: created, ...(deleting ? { deletionTimestamp: created } : {}) },
    spec: { ref: ksvc('x') },
  });
  test.each([
    { name: 'the only mapping', mappings: [dm('a', '2024-01-01T00:00:00Z')], want: 'a' },
    { name: 'the oldest wins', mappings: [dm('a', '2024-01-02T00:00:00Z'), dm('b', '2024-01-01T00:00:00Z')], want: 'b' },
    { name: 'ties go to the first namespace', mappings: [dm('b', '2024-01-01T00:00:00Z'), dm('a', '2024-01-01T00:00:00Z')], want: 'a' },
    { name: 'a mapping being deleted lets go', mappings: [dm('a', '2024-01-01T00:00:00Z', true), dm('b', '2024-01-02T00:00:00Z')], want: 'b' },
    { name: 'other domains do not count', mappings: [{ ...dm('a', '2020-01-01T00:00:00Z'), metadata: { name: 'other.org', namespace: 'a' } }], want: undefined },
  ])('$name', ({ mappings, want }) => {
    expect(domainHolder(mappings, 'a.example.org')).toBe(want);
  });
});
