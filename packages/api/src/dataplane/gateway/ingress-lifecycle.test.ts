import type { Ingress } from '../../networking/ingress.js';
import { gatewayLoadBalancers } from '../gateway.js';
import { manageIngressStatus } from './ingress-lifecycle.js';

const NOW = Date.parse('2024-01-01T00:00:00Z');
const ingress = (): Ingress => ({ metadata: { name: 'hello', namespace: 'default', generation: 1 }, spec: {} });
const summary = (ing: Ingress) => Object.fromEntries((ing.status?.conditions ?? []).map((c) => [c.type, [c.status, c.reason ?? '', c.message ?? '']]));

describe('Ingress status', () => {
  test.each([
    {
      name: 'configured and load-balanced is Ready, with both load balancers',
      steps: (m: ReturnType<typeof manageIngressStatus>) => {
        m.markNetworkConfigured();
        const lbs = gatewayLoadBalancers('knative-serving', 'example.local');
        m.markLoadBalancerReady(lbs.public, lbs.private);
      },
      want: { LoadBalancerReady: ['True', '', ''], NetworkConfigured: ['True', '', ''], Ready: ['True', '', ''] },
    },
    {
      name: 'a load balancer not ready yet leaves Ready Unknown',
      steps: (m: ReturnType<typeof manageIngressStatus>) => {
        m.markNetworkConfigured();
        m.markLoadBalancerNotReady();
      },
      want: { LoadBalancerReady: ['Unknown', 'Uninitialized', 'Waiting for load balancer to be ready'], NetworkConfigured: ['True', '', ''], Ready: ['Unknown', 'Uninitialized', 'Waiting for load balancer to be ready'] },
    },
    {
      name: 'a failed load balancer fails Ready with its reason',
      steps: (m: ReturnType<typeof manageIngressStatus>) => {
        m.markNetworkConfigured();
        m.markLoadBalancerFailed('ServiceNotFound', 'no "x"');
      },
      want: { LoadBalancerReady: ['False', 'ServiceNotFound', 'no "x"'], NetworkConfigured: ['True', '', ''], Ready: ['False', 'ServiceNotFound', 'no "x"'] },
    },
    {
      name: 'a resource owned by another fails NetworkConfigured',
      steps: (m: ReturnType<typeof manageIngressStatus>) => m.markResourceNotOwned('Service', 'hello'),
      want: { LoadBalancerReady: ['Unknown', '', ''], NetworkConfigured: ['False', 'NotOwned', 'There is an existing Service "hello" that we do not own.'], Ready: ['False', 'NotOwned', 'There is an existing Service "hello" that we do not own.'] },
    },
  ])('$name', ({ steps, want }) => {
    const ing = ingress();
    const m = manageIngressStatus(ing, { now: () => NOW });
    m.initializeConditions();
    steps(m);
    expect(summary(ing)).toEqual(want);
    expect(m.isReady()).toBe(want.Ready[0] === 'True');
  });

  test('the load balancers are the gateway Services in the cluster domain', () => {
    const ing = ingress();
    const lbs = gatewayLoadBalancers('knative-serving', 'cluster.local');
    manageIngressStatus(ing).markLoadBalancerReady(lbs.public, lbs.private);
    expect(ing.status?.publicLoadBalancer).toEqual({ ingress: [{ domainInternal: 'knot-gateway.knative-serving.svc.cluster.local' }] });
    expect(ing.status?.privateLoadBalancer).toEqual({ ingress: [{ domainInternal: 'knot-gateway-internal.knative-serving.svc.cluster.local' }] });
  });
});
