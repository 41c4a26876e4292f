import type { KubeObject } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createAll, drainQueue } from '../testing/controller-queue.js';
import { createDomainMappingController } from './controller.js';
import { dmIngress, ksvc, mapping } from './testing/dm-fixtures.js';

async function setup(objects: KubeObject[]) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  await createAll(store, objects);
  const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
  const controller = createDomainMappingController({ client: store, informers, clock, logger: noopLogger, config: staticConfig() });
  informers.start();
  await informers.waitForSync();
  await drainQueue(controller);
  return { store, informers, controller };
}

const toHello = mapping('a.example.org');
const toOther = mapping('b.example.org', { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'other', namespace: 'default' } });

describe('DomainMapping controller', () => {
  test.each([
    { name: 'a Service reconciles the mappings to it', change: ksvc('hello'), want: ['default/a.example.org'] },
    { name: 'a Service nobody maps reconciles nothing', change: ksvc('nobody'), want: [] },
    { name: 'an Ingress reconciles the mapping owning it', change: dmIngress(toOther), want: ['default/b.example.org'] },
    { name: 'a mapping of the same domain elsewhere reconciles the others', change: mapping('a.example.org', { namespace: 'other' }), want: ['default/a.example.org', 'other/a.example.org'] },
  ])('$name', async ({ change, want }) => {
    const { store, informers, controller } = await setup([toHello, toOther]);
    try {
      await createAll(store, [change]);
      expect((await drainQueue(controller)).sort()).toEqual(want);
    } finally {
      await informers.stop();
    }
  });
});
