import { parseConfigDomain, type Ingress, type IngressStatus, type Route } from '@knot/api';
import { DEFAULT_ROUTE_CONFIG, type RouteConfig } from '../route-config.js';
import { makeK8sService, makePlaceholderService } from './make-service.js';

const cfg: RouteConfig = { ...DEFAULT_ROUTE_CONFIG, domain: parseConfigDomain({ 'example.com': '' }) };
const route = (labels: Record<string, string> = {}): Route => ({
  metadata: { name: 'hello', namespace: 'ns', uid: 'uid-1', labels, annotations: { a: 'b' } },
  spec: {},
});
const owner = [{ apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'hello', uid: 'uid-1', controller: true, blockOwnerDeletion: true }];
const h2c = [{ name: 'http2', appProtocol: 'kubernetes.io/h2c', port: 80, targetPort: 80 }];
const meta = (name: string, labels: Record<string, string> = {}) => ({
  name,
  namespace: 'ns',
  ownerReferences: owner,
  labels: { ...labels, 'serving.knative.dev/route': 'hello' },
  annotations: { a: 'b' },
});
const ingress = (status: IngressStatus): Ingress => ({ metadata: { name: 'hello', namespace: 'ns' }, spec: {}, status });

describe('makePlaceholderService', () => {
  test.each([
    {
      name: 'the route itself points at its external domain',
      r: route({ app: 'x' }),
      tag: '',
      want: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello', { app: 'x' }), spec: { type: 'ExternalName', externalName: 'hello.ns.example.com', sessionAffinity: 'None', ports: h2c } },
    },
    {
      name: 'a tag gets its own name',
      r: route(),
      tag: 'v2',
      want: { apiVersion: 'v1', kind: 'Service', metadata: meta('v2-hello'), spec: { type: 'ExternalName', externalName: 'v2-hello.ns.example.com', sessionAffinity: 'None', ports: h2c } },
    },
    {
      name: 'a cluster-local route points at its cluster domain and does not copy the visibility label',
      r: route({ 'networking.knative.dev/visibility': 'cluster-local' }),
      tag: '',
      want: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { type: 'ExternalName', externalName: 'hello.ns.svc.cluster.local', sessionAffinity: 'None', ports: h2c } },
    },
  ])('$name', ({ r, tag, want }) => {
    expect(makePlaceholderService(cfg, r, tag)).toEqual(want);
  });
});

describe('makeK8sService', () => {
  const lb = (x: object) => ({ ingress: [x] });
  test.each([
    {
      name: 'the private load balancer domainInternal',
      status: { privateLoadBalancer: lb({ domainInternal: 'knot-gateway.knative-serving.svc.cluster.local' }), publicLoadBalancer: lb({ domain: 'public.example' }) },
      isPrivate: false,
      want: { service: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { type: 'ExternalName', externalName: 'knot-gateway.knative-serving.svc.cluster.local', sessionAffinity: 'None', ports: h2c } } },
    },
    {
      name: 'the public one when there is no private one',
      status: { publicLoadBalancer: lb({ domain: 'public.example' }) },
      isPrivate: false,
      want: { service: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { type: 'ExternalName', externalName: 'public.example', ports: h2c } } },
    },
    {
      name: 'an IP becomes a headless Service with Endpoints',
      status: { privateLoadBalancer: lb({ ip: '10.0.0.7' }) },
      isPrivate: false,
      want: {
        service: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { type: 'ClusterIP', clusterIP: 'None', ports: h2c } },
        endpoints: { apiVersion: 'v1', kind: 'Endpoints', metadata: meta('hello'), subsets: [{ addresses: [{ ip: '10.0.0.7' }], ports: [{ name: 'http2', appProtocol: 'kubernetes.io/h2c', port: 80 }] }] },
      },
    },
    {
      name: 'a mesh-only load balancer keeps the name resolvable',
      status: { privateLoadBalancer: lb({ meshOnly: true }) },
      isPrivate: false,
      want: { service: { apiVersion: 'v1', kind: 'Service', metadata: meta('hello'), spec: { type: 'ClusterIP', ports: [{ name: 'http', port: 80 }] } } },
    },
    { name: 'no load balancer yet', status: {}, isPrivate: false, want: undefined },
    { name: 'a private service without a private load balancer', status: { publicLoadBalancer: lb({ domain: 'public.example' }) }, isPrivate: true, want: undefined },
    { name: 'more than one load balancer', status: { privateLoadBalancer: { ingress: [{ domain: 'a' }, { domain: 'b' }] } }, isPrivate: false, want: undefined },
  ])('$name', ({ status, isPrivate, want }) => {
    expect(makeK8sService(cfg, route(), '', ingress(status), isPrivate)).toEqual(want);
  });
});
