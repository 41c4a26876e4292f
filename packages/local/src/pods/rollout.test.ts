import { apps, core } from '@knot/api';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { POD_TEMPLATE_HASH_LABEL } from './template-hash.js';
import { ask, deployment, eventually, hostPort, httpContainer, isReady, startHarness, type Harness } from './test-fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

test('a template change rolls the pods without ever leaving none ready', async () => {
  h = startHarness();
  await h.store.create(apps.deployments, deployment('web', 2, [httpContainer({ env: [{ name: 'VERSION', value: 'one' }] })]));
  const before = await eventually(async () => {
    const pods = await h.pods('web');
    expect(pods.filter(isReady)).toHaveLength(2);
    return pods;
  });

  // Follow every pod change from here on and keep the fewest ready, non-terminating pods ever seen.
  const seen = new Map<string, Pod>();
  for (const p of await h.pods('web')) seen.set(p.metadata?.name ?? '', p);
  let fewestReady = Infinity;
  const watch = await h.store.watch(core.pods, 'default', { resourceVersion: h.store.resourceVersion }, (event) => {
    const name = event.object.metadata?.name ?? '';
    if (event.type === 'DELETED') seen.delete(name);
    else seen.set(name, event.object);
    fewestReady = Math.min(fewestReady, [...seen.values()].filter((p) => isReady(p) && !p.metadata?.deletionTimestamp).length);
  });

  const d = await h.store.get(apps.deployments, 'default', 'web');
  d.spec!.template.spec!.containers[0]!.env = [{ name: 'VERSION', value: 'two' }];
  await h.store.update(apps.deployments, d);

  const after = await eventually(async () => {
    const pods = await h.pods('web');
    expect(pods).toHaveLength(2);
    expect(pods.filter(isReady)).toHaveLength(2);
    expect(pods.every((p) => p.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] !== before[0]?.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL])).toBe(true);
    return pods;
  });
  watch.stop();
  expect(fewestReady).toBeGreaterThanOrEqual(1);
  for (const pod of after) expect((await ask(hostPort(pod))).body.env.VERSION).toBe('two');
  await eventually(async () => {
    const status = (await h.store.get(apps.deployments, 'default', 'web')).status;
    expect(status).toMatchObject({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
    expect(status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
  });
});
