import { coordination, core } from '@knot/api';
import type { Client } from '../client.js';
import { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { runLeaderElected } from '../leader/run-leader-elected.js';
import { cuttable } from '../leader/test-fixtures.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { FakeRecorder } from '../testing/fake-recorder.js';
import { Controller } from './controller.js';

const SYSTEM = 'knative-serving';

function setup() {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const store = new MemoryStore({ clock, initialNamespaces: [SYSTEM, 'ns'] });
  /** `pod-x ns/name` for every reconcile, by any replica. */
  const seen: string[] = [];

  /** One controller process: caches warm from the start, reconciling only while it holds the lease. */
  const replica = (identity: string, electionClient: Client = store) => {
    const informerFactory = new SharedInformerFactory({ client: store, clock });
    const controller = new Controller({
      name: 'configmap-controller',
      resource: core.configMaps,
      client: store,
      informerFactory,
      clock,
      recorder: new FakeRecorder(),
      reconciler: {
        reconcileKind: (cm) => {
          seen.push(`${identity} ${cm.metadata?.namespace}/${cm.metadata?.name}`);
          return Promise.resolve();
        },
      },
    });
    informerFactory.start();
    const stop = new AbortController();
    const done = runLeaderElected({ client: electionClient, namespace: SYSTEM, name: 'controller', identity, clock, random: () => 0, signal: stop.signal, run: (signal) => controller.run(signal) });
    const shutDown = async () => {
      stop.abort();
      await done;
      await informerFactory.stop();
    };
    return { controller, shutDown };
  };

  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await store.settled();
      await flushPromises();
    }
  };
  const create = async (...names: string[]) => {
    for (const name of names) await store.create(core.configMaps, { metadata: { namespace: 'ns', name } });
    await settle();
  };
  const holder = async () => (await store.get(coordination.leases, SYSTEM, 'controller')).spec?.holderIdentity;
  /** Reconciles since the last call, sorted. */
  const take = () => seen.splice(0).sort();
  return { clock, store, replica, create, holder, take };
}

test('of two replicas only the leader reconciles; when it stops, the other reconciles everything, new objects included', async () => {
  const { clock, replica, create, holder, take } = setup();
  const a = replica('pod-a');
  await clock.advanceAsync(500);
  const b = replica('pod-b');
  await clock.advanceAsync(2_500);

  await create('one', 'two');
  expect(take()).toEqual(['pod-a ns/one', 'pod-a ns/two']);
  expect(b.controller.informer.lister.list()).toHaveLength(2);

  await a.shutDown();
  await clock.advanceAsync(2_500);
  expect(await holder()).toBe('pod-b');
  await create('three');
  expect(take()).toEqual(['pod-b ns/one', 'pod-b ns/three', 'pod-b ns/two']);
  await b.shutDown();
});

test('a leader cut off from the lease stops reconciling; it reconciles again, the objects it missed included, once it regains the lease', async () => {
  const { clock, store, replica, create, holder, take } = setup();
  const link = cuttable(store);
  const a = replica('pod-a', link.client);
  await clock.advanceAsync(500);
  const b = replica('pod-b');
  await clock.advanceAsync(2_500);
  await create('one');
  expect(take()).toEqual(['pod-a ns/one']);

  link.cut();
  await clock.advanceAsync(11_000);
  await create('two');
  expect(take()).toEqual([]);
  await clock.advanceAsync(8_000);
  expect(await holder()).toBe('pod-b');
  await create('three');
  expect(take()).toEqual(['pod-b ns/one', 'pod-b ns/three', 'pod-b ns/two']);

  link.heal();
  await clock.advanceAsync(5_000);
  await create('four');
  expect(take()).toEqual(['pod-b ns/four']);

  await b.shutDown();
  await clock.advanceAsync(2_500);
  await create('five');
  expect(take()).toEqual(['pod-a ns/five', 'pod-a ns/four', 'pod-a ns/one', 'pod-a ns/three', 'pod-a ns/two']);
  await a.shutDown();
});
