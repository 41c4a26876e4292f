import { networking, serving, type KubeObject, type ResourceType } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory, type Controller } from '@knot/runtime';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createDomainMappingController } from './controller.js';
import { dmIngress, ksvc, mapping } from './testing/dm-fixtures.js';

const KINDS: readonly ResourceType[] = [serving.domainMappings, serving.services, serving.routes, networking.ingresses];

async function setup(objects: KubeObject[]) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, requireNamespaces: false });
  for (const obj of objects) await store.create(resourceOf(obj), obj);
  const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
  const controller = createDomainMappingController({ client: store, informers, clock, logger: noopLogger, config: staticConfig() });
  informers.start();
  await informers.waitForSync();
  await drain(controller);
  return { store, informers, controller };
}

function resourceOf(obj: KubeObject): ResourceType {
  const rt = KINDS.find((k) => k.kind === obj.kind && obj.apiVersion === `${k.group}/${k.version}`);
  if (!rt) throw new Error(`no kind for ${obj.kind}`);
  return rt;
}

async function drain(controller: Controller<KubeObject>): Promise<string[]> {
  await flushPromises();
  const keys: string[] = [];
  while (controller.queue.len > 0) {
    const key = await controller.queue.get();
    if (key === undefined) break;
    keys.push(key);
    controller.queue.done(key);
  }
  return keys.sort();
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
      await store.create(resourceOf(change), change);
      expect(await drain(controller)).toEqual(want);
    } finally {
      await informers.stop();
    }
  });
});
