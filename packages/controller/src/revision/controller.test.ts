import { apps, autoscaling, core, serving, type Revision } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { drainQueue } from '../testing/controller-queue.js';
import { createRevisionController } from './controller.js';
import { rev } from './testing/revision-fixtures.js';
import { containerStatus, deploymentAvailable, paReady, pod } from './testing/revision-table.js';

async function setup() {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  const revision = await store.create(serving.revisions, rev());
  const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
  const controller = createRevisionController({ client: store, informers, clock, logger: noopLogger, config: staticConfig() });
  return { clock, store, informers, controller, revision };
}

const ownedBy = (r: Revision) => [{ apiVersion: 'serving.knative.dev/v1', kind: 'Revision', name: r.metadata?.name ?? '', uid: r.metadata?.uid ?? '', controller: true }];
const readyOf = (r: Revision | undefined) => r?.status?.conditions?.find((c) => c.type === 'Ready');

describe('revision controller', () => {
  test('changes to its Deployment, PodAutoscaler and pods reconcile the revision', async () => {
    const { store, informers, controller, revision } = await setup();
    informers.start();
    try {
      await informers.waitForSync();
      expect(await drainQueue(controller)).toEqual(['default/hello-00001']);

      await store.create(apps.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'default', name: 'd', ownerReferences: ownedBy(revision) }, spec: { selector: {}, template: {} } });
      expect(await drainQueue(controller)).toEqual(['default/hello-00001']);
      await store.create(autoscaling.podAutoscalers, { apiVersion: 'autoscaling.internal.knative.dev/v1alpha1', kind: 'PodAutoscaler', metadata: { namespace: 'default', name: 'pa', ownerReferences: ownedBy(revision) }, spec: { scaleTargetRef: { name: 'd' }, protocolType: 'http1' } });
      expect(await drainQueue(controller)).toEqual(['default/hello-00001']);
      await store.create(core.pods, pod(revision, 'p', { containers: [containerStatus('user-container')] }));
      expect(await drainQueue(controller)).toEqual(['default/hello-00001']);

      // Children of other kinds and pods of no revision are not ours to watch.
      await store.create(apps.deployments, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { namespace: 'default', name: 'unrelated' }, spec: { selector: {}, template: {} } });
      await store.create(core.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { namespace: 'default', name: 'web', labels: { 'serving.knative.dev/revision': 'hello-00001' } }, spec: { containers: [] } });
      expect(await drainQueue(controller)).toEqual([]);
    } finally {
      await informers.stop();
    }
  });

  test('a revision runs to Ready as its Deployment and PodAutoscaler come up', async () => {
    const { store, informers, controller } = await setup();
    const stop = new AbortController();
    const running = controller.run(stop.signal);
    const eventually = async (check: () => Promise<boolean>) => {
      for (let i = 0; i < 50 && !(await check()); i++) await flushPromises();
      expect(await check()).toBe(true);
    };
    try {
      await eventually(async () => (await store.list(autoscaling.podAutoscalers, 'default')).items.length === 1);
      const d = await store.get(apps.deployments, 'default', 'hello-00001-deployment');
      expect(d.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['user-container', 'queue-proxy']);
      expect(readyOf(await store.get(serving.revisions, 'default', 'hello-00001'))).toMatchObject({ status: 'Unknown', reason: 'Deploying' });

      await store.updateStatus(apps.deployments, { ...d, status: deploymentAvailable });
      const pa = await store.get(autoscaling.podAutoscalers, 'default', 'hello-00001');
      await store.updateStatus(autoscaling.podAutoscalers, { ...pa, status: paReady });
      await eventually(async () => readyOf(await store.get(serving.revisions, 'default', 'hello-00001'))?.status === 'True');
    } finally {
      stop.abort();
      await running;
      await informers.stop();
    }
  });
});
