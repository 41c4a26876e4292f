import { apps, core, endpointTargets } from '@knot/api';
import { ask, deployment, eventually, hostPort, httpContainer, isReady, startHarness, type Harness } from '../pods/test-fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

test('Endpoints list ready pods with their own ports under the Service port names, unready ones apart', async () => {
  h = startHarness();
  const ports = [
    { name: 'http', containerPort: 8080 },
    { name: 'metrics', containerPort: 9090 },
  ];
  await h.store.create(apps.deployments, deployment('good', 2, [httpContainer({ ports })], { labels: { tier: 'web' } }));
  await h.store.create(apps.deployments, deployment('bad', 1, [httpContainer({ ports, readinessProbe: { httpGet: { path: '/fail', port: 'http' } } })], { labels: { tier: 'web' } }));
  await h.store.create(core.services, {
    metadata: { namespace: 'default', name: 'web', labels: { team: 'a' } },
    spec: {
      selector: { tier: 'web' },
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: 9090, targetPort: 9090 },
      ],
    },
  });

  const ep = await eventually(async () => {
    const ep = await h.store.get(core.endpoints, 'default', 'web');
    expect(ep.subsets).toHaveLength(3);
    expect(endpointTargets(ep, 'http')).toHaveLength(2);
    return ep;
  });
  expect(ep.metadata?.labels).toEqual({ team: 'a' });
  const good = (await h.pods('good')).filter(isReady);
  const bad = await h.pods('bad');
  expect(good).toHaveLength(2);
  for (const pod of good) {
    const subset = ep.subsets?.find((s) => s.addresses?.[0]?.targetRef?.name === pod.metadata?.name);
    expect(subset?.addresses?.[0]).toMatchObject({ ip: '127.0.0.1', nodeName: 'knot-local', targetRef: { kind: 'Pod', uid: pod.metadata?.uid } });
    expect(subset?.ports).toEqual([
      { name: 'http', port: hostPort(pod, 8080), protocol: 'TCP' },
      { name: 'metrics', port: hostPort(pod, 9090), protocol: 'TCP' },
    ]);
  }
  const unready = ep.subsets?.find((s) => s.notReadyAddresses?.[0]?.targetRef?.name === bad[0]?.metadata?.name);
  expect(unready?.addresses).toBeUndefined();
  expect(unready?.ports?.[0]).toEqual({ name: 'http', port: hostPort(bad[0]!, 8080), protocol: 'TCP' });

  const answers = await Promise.all(endpointTargets(ep, 'http').map((t) => ask(t.port)));
  expect(answers.map((a) => a.body.pod).sort()).toEqual(good.map((p) => p.metadata?.name).sort());

  // Scaled to zero, the Endpoints empty; the Service deleted, they go.
  await h.scale('good', 0);
  await eventually(async () => expect(endpointTargets(await h.store.get(core.endpoints, 'default', 'web'), 'http')).toHaveLength(0));
  await h.store.delete(core.services, 'default', 'web');
  await eventually(async () => expect(await h.store.get(core.endpoints, 'default', 'web').catch(() => undefined)).toBeUndefined());
});
