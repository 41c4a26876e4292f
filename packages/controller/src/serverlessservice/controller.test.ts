import { core, type KubeObject } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createAll, drainQueue } from '../testing/controller-queue.js';
import { createServerlessServiceController } from './controller.js';
import { activatorEndpoints, podEndpoints, privateService, sks } from './testing/sks-fixtures.js';

async function setup(objects: KubeObject[]) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  await createAll(store, objects);
  const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
  const controller = createServerlessServiceController({ client: store, informers, clock, logger: noopLogger, config: staticConfig() });
  informers.start();
  await informers.waitForSync();
  await drainQueue(controller);
  return { store, informers, controller };
}

const other = () => {
  const s = sks();
  return { ...s, metadata: { ...s.metadata, name: 'other-00001', uid: 'other-uid' } };
};

describe('ServerlessService controller', () => {
  test('activator endpoints changing reconciles every SKS', async () => {
    const { store, informers, controller } = await setup([sks(), other()]);
    try {
      await store.create(core.endpoints, activatorEndpoints(['10.0.0.1']));
      expect((await drainQueue(controller)).sort()).toEqual(['ns/hello-00001', 'ns/other-00001']);
    } finally {
      await informers.stop();
    }
  });

  test('private endpoints without labels reconcile their SKS through the service of the same name', async () => {
    const { store, informers, controller } = await setup([sks(), privateService()]);
    try {
      const unlabelled = podEndpoints(['10.1.0.1']);
      delete unlabelled.metadata?.labels;
      await store.create(core.endpoints, unlabelled);
      expect(await drainQueue(controller)).toEqual(['ns/hello-00001']);
    } finally {
      await informers.stop();
    }
  });

  test('services it controls reconcile their SKS; unrelated endpoints do not', async () => {
    const { store, informers, controller } = await setup([sks()]);
    try {
      await store.create(core.services, privateService());
      await store.create(core.endpoints, { apiVersion: 'v1', kind: 'Endpoints', metadata: { namespace: 'ns', name: 'unrelated' } });
      expect(await drainQueue(controller)).toEqual(['ns/hello-00001']);
    } finally {
      await informers.stop();
    }
  });
});
