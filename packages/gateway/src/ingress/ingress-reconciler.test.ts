import { core, gatewayLoadBalancers, ingressConditionSet, KNOT_INGRESS_CLASS, networking, type Condition, type ConditionStatus, type Ingress, type IngressStatus } from '@knot/api';
import { runTableTest, type TableEnv, type TableRow } from '@knot/runtime/testing';
import type { Service } from 'kubernetes-types/core/v1.js';
import { EndpointResolver } from '../backends/endpoint-resolver.js';
import { ingress, rule, split } from '../testing/fixtures.js';
import { RouteProgrammer } from '../table/route-programmer.js';
import { IngressReconciler, SERVICE_NOT_FOUND_REASON } from './ingress-reconciler.js';

const NOW = Date.parse('2024-01-01T00:00:00Z');
const T = '2024-01-01T00:00:00Z';
const EARLIER = '2023-12-31T00:00:00Z';
const LBS = gatewayLoadBalancers('knative-serving', 'cluster.local');

const hello = (status?: IngressStatus): Ingress => {
  const ing = ingress('hello', [rule(['hello.default.example.com'], [{ splits: [split('hello-00001')] }]), rule(['hello.default.svc.cluster.local'], [{ splits: [split('hello-00001')] }], 'ClusterLocal')]);
  return { ...ing, metadata: { ...ing.metadata, generation: 1 }, ...(status ? { status } : {}) };
};
const svc = (name: string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'default', name }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8012 }] } });
const cond = (type: string, status: ConditionStatus, at = T, reason?: string, message?: string): Condition => ({ type, status, lastTransitionTime: at, ...(reason ? { reason } : {}), ...(message ? { message } : {}) });

const ready = (at = T): IngressStatus => ({
  observedGeneration: 1,
  conditions: [cond('LoadBalancerReady', 'True', at), cond('NetworkConfigured', 'True', at), cond('Ready', 'True', at)],
  publicLoadBalancer: { ingress: [{ domainInternal: 'knot-gateway.knative-serving.svc.cluster.local' }] },
  privateLoadBalancer: { ingress: [{ domainInternal: 'knot-gateway-internal.knative-serving.svc.cluster.local' }] },
});

/** Configured, but waiting for a backend named by `message`; `since` is when NetworkConfigured turned True. */
const waiting = (message: string, since = T, base: IngressStatus = { observedGeneration: 1 }): IngressStatus => ({
  ...base,
  conditions: [cond('LoadBalancerReady', 'Unknown', T, SERVICE_NOT_FOUND_REASON, message), cond('NetworkConfigured', 'True', since), cond('Ready', 'Unknown', T, SERVICE_NOT_FOUND_REASON, message)],
});

const rows: TableRow[] = [
  {
    name: 'a new Ingress whose Services exist is programmed and Ready, with the gateway Services as load balancers',
    key: 'default/hello',
    objects: [hello(), svc('hello-00001')],
    wantStatusUpdates: [hello(ready())],
  },
  {
    name: 'a split naming a missing Service leaves LoadBalancerReady Unknown, naming it',
    key: 'default/hello',
    objects: [hello()],
    wantStatusUpdates: [hello(waiting('service default/hello-00001 not found'))],
  },
  {
    name: 'a Service without the split port counts as missing',
    key: 'default/hello',
    objects: [hello(), { ...svc('hello-00001'), spec: { ports: [{ name: 'http2', port: 81 }] } }],
    wantStatusUpdates: [hello(waiting('service default/hello-00001 has no port 80'))],
  },
  {
    name: 'an Ingress already Ready for its generation is not written again',
    key: 'default/hello',
    objects: [hello(ready(EARLIER)), svc('hello-00001')],
  },
  {
    name: 'an Ingress that lost its Service goes back to Unknown',
    key: 'default/hello',
    objects: [hello(ready(EARLIER))],
    wantStatusUpdates: [hello(waiting('service default/hello-00001 not found', EARLIER, ready(EARLIER)))],
  },
  {
    name: 'an Ingress of another class is left alone',
    key: 'default/other',
    objects: [{ ...ingress('other', [rule(['other.example.com'], [{ splits: [split('x')] }])], {}, 'istio.ingress.networking.knative.dev'), status: ready(EARLIER) }],
  },
  {
    name: 'a missing Ingress is nothing to do',
    key: 'default/absent',
  },
];

const makeReconciler = (env: TableEnv) => {
  const services = env.informers.listerFor(core.services);
  const endpoints = env.informers.listerFor(core.endpoints);
  const resolver = new EndpointResolver({ service: (ns, n) => services.get(ns, n), endpoints: (ns, n) => endpoints.get(ns, n), loopback: () => undefined });
  return new IngressReconciler({ programmer: new RouteProgrammer(resolver), loadBalancers: LBS, ingressClass: KNOT_INGRESS_CLASS, track: () => undefined });
};

describe('IngressReconciler', () => {
  runTableTest(rows, makeReconciler, { resource: networking.ingresses, conditionSet: ingressConditionSet, now: NOW });
});
