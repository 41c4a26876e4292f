// The objects must read back the way the activator and the gateway read them.
import { childName, core, endpointTargets, networking, parseQueueProxyEnv, serving } from '@knot/api';
import { MemoryStore } from '@knot/runtime';
import { HOST, ingress, NAMESPACE, queueProxyEnv, revision, REVISION, REVISION_HEADERS, writeActivatorObjects, writeGatewayObjects } from './revision-objects.js';

test('the activator finds the revision and its private Endpoints at the queue-proxy port, by port name', async () => {
  const store = new MemoryStore({ initialNamespaces: [NAMESPACE] });
  await writeActivatorObjects(store, 41234);
  expect((await store.get(serving.revisions, NAMESPACE, REVISION)).spec.containerConcurrency).toBe(0);
  const ep = await store.get(core.endpoints, NAMESPACE, childName(REVISION, '-private'));
  expect(endpointTargets(ep, 'http')).toEqual([{ ip: '127.0.0.1', port: 41234 }]);
});

test('the gateway finds an Ingress for HOST that splits all traffic to the revision Service, whose Endpoints are the queue-proxy', async () => {
  const store = new MemoryStore({ initialNamespaces: [NAMESPACE] });
  await writeGatewayObjects(store, 41235);
  const ing = await store.get(networking.ingresses, NAMESPACE, 'hello');
  const split = ing.spec.rules?.[0]?.http?.paths[0]?.splits[0];
  expect(ing.spec.rules?.[0]?.hosts).toEqual([HOST]);
  expect(split).toMatchObject({ serviceName: REVISION, servicePort: 80, percent: 100, appendHeaders: REVISION_HEADERS });
  const svc = await store.get(core.services, NAMESPACE, REVISION);
  expect(svc.spec?.ports?.[0]).toMatchObject({ name: 'http', port: 80 });
  expect(endpointTargets(await store.get(core.endpoints, NAMESPACE, REVISION), 'http')).toEqual([{ ip: '127.0.0.1', port: 41235 }]);
  expect(ingress().metadata?.annotations?.['networking.knative.dev/ingress.class']).toBe('knot.ingress.networking.knative.dev');
});

test('both queue-proxies get the revision’s contract: no concurrency limit, its timeout, the app’s port', () => {
  const env = queueProxyEnv({ servingPort: 8012, tlsPort: 8112, userPort: 41236 });
  expect(parseQueueProxyEnv(env)).toMatchObject({
    containerConcurrency: revision().spec.containerConcurrency,
    revisionTimeoutSeconds: revision().spec.timeoutSeconds,
    userPort: 41236,
    queueServingPort: 8012,
    servingNamespace: NAMESPACE,
    servingRevision: REVISION,
    readinessProbes: [],
  });
});
