import { domainMappingConditionSet, serving } from '@knot/api';
import { ApiError } from '@knot/runtime';
import { runTableTest, type TableRow } from '@knot/runtime/testing';
import { cond, dmIngress, dmStatus, ksvc, makeDomainMappingReconciler, mapping, readyIngress, withStatus } from './testing/dm-fixtures.js';

const URL_ = 'http://hello.example.org';
const dm = mapping();
const notConfigured = {
  ingress: cond('IngressReady', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.'),
  ready: cond('Ready', 'Unknown', 'IngressNotConfigured', 'Ingress has not yet been reconciled.'),
};
const pending = dmStatus(URL_, notConfigured);
const unresolved = (message: string) =>
  dmStatus(URL_, {
    ...notConfigured,
    resolved: cond('ReferenceResolved', 'False', 'ResolveFailed', message),
    ready: cond('Ready', 'False', 'ResolveFailed', message),
  });

const older = mapping('hello.example.org', { namespace: 'first', created: '2023-06-01T00:00:00Z' });
const toK8s = mapping('hello.example.org', { ref: { apiVersion: 'v1', kind: 'Service', name: 'legacy', namespace: 'default' } });
const toRoute = mapping('hello.example.org', { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'hello', namespace: 'default' } });
const withTLS = mapping('hello.example.org', { tls: 'hello-cert' });
const route = { ...ksvc(), apiVersion: 'serving.knative.dev/v1', kind: 'Route', spec: { traffic: [] } };

const rows: TableRow[] = [
  {
    name: 'a new mapping claims its domain and gets an Ingress to its Service',
    key: 'default/hello.example.org',
    objects: [dm, ksvc()],
    wantCreates: [dmIngress(dm)],
    wantStatusUpdates: [withStatus(dm, pending)],
    wantEvents: ['Normal Created Created Ingress "hello.example.org"'],
  },
  {
    name: 'the Ingress becoming ready makes the mapping Ready',
    key: 'default/hello.example.org',
    objects: [withStatus(dm, pending), ksvc(), dmIngress(dm, 'hello', readyIngress)],
    wantStatusUpdates: [withStatus(dm, dmStatus(URL_, {}))],
  },
  {
    name: 'steady state writes nothing',
    key: 'default/hello.example.org',
    objects: [withStatus(dm, dmStatus(URL_, {})), ksvc(), dmIngress(dm, 'hello', readyIngress)],
  },
  {
    name: 'a target Service without an address yet',
    key: 'default/hello.example.org',
    objects: [dm, ksvc('hello', null)],
    wantStatusUpdates: [withStatus(dm, unresolved('address not set for Service default/hello'))],
    wantEvents: ['Warning InternalError resolving reference: address not set for Service default/hello'],
    wantErr: 'ReferenceNotResolved',
  },
  {
    name: 'a target Service that does not exist',
    key: 'default/hello.example.org',
    objects: [dm],
    wantStatusUpdates: [withStatus(dm, unresolved('failed to get object default/hello: services.serving.knative.dev "hello" not found'))],
    wantEvents: ['Warning InternalError resolving reference: failed to get object default/hello: services.serving.knative.dev "hello" not found'],
    wantErr: 'ReferenceNotResolved',
  },
  {
    name: 'an address outside the cluster cannot be mapped',
    key: 'default/hello.example.org',
    objects: [dm, ksvc('hello', 'http://hello.default.example.com')],
    wantStatusUpdates: [withStatus(dm, unresolved('resolved URI "http://hello.default.example.com" must be of the form {name}.{namespace}.svc.cluster.local'))],
    wantEvents: ['Warning InternalError resolving reference: resolved URI "http://hello.default.example.com" must be of the form {name}.{namespace}.svc.cluster.local'],
    wantErr: 'ReferenceNotResolved',
  },
  {
    name: 'a Kubernetes Service is mapped by its cluster name',
    key: 'default/hello.example.org',
    objects: [toK8s],
    wantCreates: [dmIngress(toK8s, 'legacy')],
    wantStatusUpdates: [withStatus(toK8s, pending)],
    wantEvents: ['Normal Created Created Ingress "hello.example.org"'],
  },
  {
    name: 'a Route is mapped by its address',
    key: 'default/hello.example.org',
    objects: [toRoute, route],
    wantCreates: [dmIngress(toRoute)],
    wantStatusUpdates: [withStatus(toRoute, pending)],
    wantEvents: ['Normal Created Created Ingress "hello.example.org"'],
  },
  {
    name: 'a domain an older mapping in another namespace holds',
    key: 'default/hello.example.org',
    objects: [dm, older, ksvc()],
    wantStatusUpdates: [
      withStatus(dm, {
        observedGeneration: 1,
        url: URL_,
        address: { url: URL_ },
        conditions: [
          cond('CertificateProvisioned', 'Unknown'),
          cond('DomainClaimed', 'False', 'DomainAlreadyClaimed', 'The domain name is already in use by another DomainMapping'),
          notConfigured.ingress,
          cond('Ready', 'False', 'DomainAlreadyClaimed', 'The domain name is already in use by another DomainMapping'),
          cond('ReferenceResolved', 'Unknown'),
        ],
      }),
    ],
    wantEvents: ['Warning InternalError namespace "default" does not own the domain "hello.example.org": a DomainMapping in namespace "first" claimed it first'],
    wantErr: 'DomainAlreadyClaimed',
  },
  {
    name: 'the older mapping keeps its domain',
    key: 'first/hello.example.org',
    objects: [dm, older, ksvc('hello', 'http://hello.first.svc.cluster.local', 'first')],
    wantCreates: [dmIngress(older)],
    wantStatusUpdates: [withStatus(older, pending)],
    wantEvents: ['Normal Created Created Ingress "hello.example.org"'],
  },
  {
    name: "a mapping's own TLS secret makes it https",
    key: 'default/hello.example.org',
    objects: [withTLS, ksvc()],
    wantCreates: [dmIngress(withTLS)],
    wantStatusUpdates: [
      withStatus(withTLS, dmStatus('https://hello.example.org', { ...notConfigured, cert: cond('CertificateProvisioned', 'True', 'CertificateExternallyProvided', 'TLS certificate was provided externally') })),
    ],
    wantEvents: ['Normal Created Created Ingress "hello.example.org"'],
  },
  {
    name: 'a changed reference updates the Ingress',
    key: 'default/hello.example.org',
    objects: [withStatus(toK8s, dmStatus(URL_, {})), dmIngress(dm, 'hello', readyIngress)],
    wantUpdates: [dmIngress(toK8s, 'legacy', readyIngress)],
    wantStatusUpdates: [withStatus(toK8s, pending)],
  },
  {
    name: 'a failed Ingress create is reported and retried',
    key: 'default/hello.example.org',
    objects: [dm, ksvc()],
    induceFailures: [{ verb: 'create', resource: 'ingresses.networking.internal.knative.dev', error: new ApiError('InternalError', 'boom') }],
    wantCreates: [dmIngress(dm)],
    wantStatusUpdates: [withStatus(dm, dmStatus(URL_, { ...notConfigured }))],
    wantEvents: ['Warning CreationFailed Failed to create Ingress: boom', 'Warning InternalError failed to create Ingress: boom'],
    wantErr: 'InternalError',
  },
  {
    name: 'a conflicting Ingress update is retried quietly',
    key: 'default/hello.example.org',
    objects: [withStatus(toK8s, dmStatus(URL_, {})), dmIngress(dm, 'hello', readyIngress)],
    induceFailures: [{ verb: 'update', resource: 'ingresses.networking.internal.knative.dev', error: new ApiError('Conflict', 'the object has been modified') }],
    wantUpdates: [dmIngress(toK8s, 'legacy', readyIngress)],
    wantErr: 'Conflict',
  },
];

describe('DomainMapping reconciler', () => {
  runTableTest(rows, makeDomainMappingReconciler, { resource: serving.domainMappings, conditionSet: domainMappingConditionSet });
});
