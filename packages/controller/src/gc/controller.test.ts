import { serving } from '@knot/api';
import { MemoryStore, noopLogger, SharedInformerFactory } from '@knot/runtime';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { staticConfig } from '../controller-env.js';
import { createGCController } from './controller.js';
import { configuration, revision } from './testing/gc-fixtures.js';

describe('revision GC controller', () => {
  test("a revision's change reconciles the configuration that controls it", async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock, requireNamespaces: false });
    const informers = new SharedInformerFactory({ client: store, clock, logger: noopLogger });
    const controller = createGCController({ client: store, informers, clock, logger: noopLogger, config: staticConfig() });
    informers.start();
    try {
      await informers.waitForSync();
      const orphan = revision('orphan-00001', { created: 1 });
      delete orphan.metadata?.ownerReferences;
      await store.create(serving.revisions, orphan);
      await store.create(serving.revisions, revision('hello-00001', { created: 1 }));
      await flushPromises();
      expect(controller.queue.len).toBe(1);
      expect(await controller.queue.get()).toBe('ns/hello');
      controller.queue.done('ns/hello');
      // The configuration itself is watched too.
      await store.create(serving.configurations, configuration());
      await flushPromises();
      expect(controller.queue.len).toBe(1);
    } finally {
      await informers.stop();
    }
  });
});
