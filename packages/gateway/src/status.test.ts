// The Ingress status the running gateway writes, and the Ingresses it must not touch.
import { networking, type Ingress } from '@knot/api';
import { eventually } from '@knot/runtime/testing';
import { addService, ingress, NS, request, rule, split, startGateway, type Harness } from './testing/fixtures.js';

let h: Harness;
beforeAll(async () => {
  h = await startGateway();
});
afterAll(() => h.stop());

const conditions = (ing: Ingress) => Object.fromEntries((ing.status?.conditions ?? []).map((c) => [c.type, c.status]));

test('an Ingress becomes Ready once the Service its split names appears', async () => {
  await h.store.create(networking.ingresses, ingress('late', [rule(['late.example.com'], [{ splits: [split('late-00001')] }])]));
  const waiting = await eventually('LoadBalancerReady Unknown', async () => {
    const got = await h.store.get(networking.ingresses, NS, 'late');
    return got.status?.conditions?.find((c) => c.type === 'LoadBalancerReady' && c.reason === 'ServiceNotFound') ? got : undefined;
  });
  expect(conditions(waiting)).toEqual({ LoadBalancerReady: 'Unknown', NetworkConfigured: 'True', Ready: 'Unknown' });
  await addService(h.store, 'late-00001', []);
  const ready = await eventually('Ready', async () => {
    const got = await h.store.get(networking.ingresses, NS, 'late');
    return conditions(got).Ready === 'True' ? got : undefined;
  });
  expect(ready.status?.privateLoadBalancer).toEqual({ ingress: [{ domainInternal: 'knot-gateway-internal.knative-serving.svc.cluster.local' }] });
  expect(ready.status?.observedGeneration).toBe(ready.metadata?.generation);
});

test("an Ingress of another class is neither served nor written", async () => {
  await addService(h.store, 'istio-backend', []);
  await h.store.create(networking.ingresses, ingress('istio', [rule(['istio.example.com'], [{ splits: [split('istio-backend')] }])], {}, 'istio.ingress.networking.knative.dev'));
  // A knot Ingress created after it is Ready, so the foreign one has been seen by then.
  await h.applyIngress(ingress('marker', [rule(['marker.example.com'], [{ splits: [split('istio-backend')] }])]));
  const foreign = await h.store.get(networking.ingresses, NS, 'istio');
  expect(foreign.status).toBeUndefined();
  expect((await request(h.gateway.ports.external, { host: 'istio.example.com' })).status).toBe(404);
});

test('an Ingress that stops being knot-class leaves the table', async () => {
  await addService(h.store, 'moving', []);
  const ready = await h.applyIngress(ingress('moving', [rule(['moving.example.com'], [{ splits: [split('moving')] }])]));
  expect((await request(h.gateway.ports.external, { host: 'moving.example.com' })).status).toBe(503);
  await h.store.update(networking.ingresses, { ...ready, metadata: { ...ready.metadata, annotations: { 'networking.knative.dev/ingress.class': 'other' } } });
  await eventually('moving gone', async () => ((await request(h.gateway.ports.external, { host: 'moving.example.com' })).status === 404 ? true : undefined));
});
