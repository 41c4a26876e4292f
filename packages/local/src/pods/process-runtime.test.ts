import { apps } from '@knot/api';
import { deployment, eventually, hostPort, httpContainer, isReady, refused, ask, startHarness, type Harness } from './test-fixtures.js';
import { POD_TEMPLATE_HASH_LABEL } from './template-hash.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

describe('Deployments run as processes', () => {
  test('scaling 0 → 2 → 1 → 0: Pod objects, processes and status follow', async () => {
    h = startHarness();
    await h.store.create(apps.deployments, deployment('web', 0, [httpContainer()]));
    await eventually(async () => {
      const d = await h.store.get(apps.deployments, 'default', 'web');
      expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 0, readyReplicas: 0, availableReplicas: 0 });
      expect(d.status?.conditions?.find((c) => c.type === 'Available')?.status).toBe('True');
    });
    expect(await h.pods('web')).toHaveLength(0);

    await h.scale('web', 2);
    const two = await eventually(async () => {
      const pods = await h.pods('web');
      expect(pods.filter(isReady)).toHaveLength(2);
      return pods;
    });
    const answers = await Promise.all(two.map((p) => ask(hostPort(p))));
    for (const [i, pod] of two.entries()) {
      expect(pod.metadata?.name).toMatch(new RegExp(`^web-${pod.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL]}-[a-z0-9]{5}$`));
      expect(pod.metadata?.labels).toMatchObject({ app: 'web' });
      expect(pod.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
      expect(pod.status).toMatchObject({ phase: 'Running', podIP: '127.0.0.1' });
      expect(pod.status?.containerStatuses?.[0]).toMatchObject({ name: 'app', ready: true, restartCount: 0, state: { running: {} } });
      expect(answers[i]?.body.pod).toBe(pod.metadata?.name);
    }
    expect(new Set(two.map((p) => hostPort(p))).size).toBe(2);
    await eventually(async () => {
      const d = await h.store.get(apps.deployments, 'default', 'web');
      expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
      expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'True', reason: 'NewReplicaSetAvailable' });
    });

    await h.scale('web', 1);
    const [kept] = await eventually(async () => {
      const pods = await h.pods('web');
      expect(pods).toHaveLength(1);
      return pods;
    });
    const gone = two.find((p) => p.metadata?.name !== kept?.metadata?.name);
    expect(await refused(hostPort(gone!))).toBe(true);
    expect((await ask(hostPort(kept!))).body.pod).toBe(kept?.metadata?.name);

    await h.scale('web', 0);
    await eventually(async () => expect(await h.pods('web')).toHaveLength(0));
    expect(await refused(hostPort(kept!))).toBe(true);
    await eventually(async () => expect((await h.store.get(apps.deployments, 'default', 'web')).status).toMatchObject({ replicas: 0, readyReplicas: 0 }));
  });
});
