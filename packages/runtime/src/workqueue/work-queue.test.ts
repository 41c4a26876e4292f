import fc from 'fast-check';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import type { WorkQueueMetrics } from './metrics.js';
import { runWorkers } from './run-workers.js';
import { WorkQueue } from './work-queue.js';

const newQueue = (clock = new FakeClock()) => ({ clock, queue: new WorkQueue({ clock }) });

describe('WorkQueue', () => {
  test('a key added while queued is queued once, in first-added order', async () => {
    const { queue } = newQueue();
    for (const key of ['ns/a', 'ns/b', 'ns/a', 'ns/a', 'ns/c', 'ns/b']) queue.add(key);
    expect(queue.len).toBe(3);
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual(['ns/a', 'ns/b', 'ns/c']);
    expect(queue.len).toBe(0);
  });

  test('a key added while being processed is queued again only after done', async () => {
    const { queue } = newQueue();
    queue.add('ns/a');
    expect(await queue.get()).toBe('ns/a');
    queue.add('ns/a');
    queue.add('ns/a');
    expect(queue.len).toBe(0);
    queue.done('ns/a');
    expect(queue.len).toBe(1);
    expect(await queue.get()).toBe('ns/a');
    queue.done('ns/a');
    expect(queue.len).toBe(0);
  });

  test('get waits for the next add', async () => {
    const { queue } = newQueue();
    const got = queue.get();
    queue.add('ns/late');
    await expect(got).resolves.toBe('ns/late');
  });

  test('never gives one key to two workers, and processes every key after its last add', async () => {
    const keys = ['a', 'b', 'c', 'd'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ key: fc.constantFrom(...keys), pause: fc.nat(3) }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat(4), { minLength: 1, maxLength: 10 }),
        async (adds, workTicks) => {
          const queue = new WorkQueue({ clock: new FakeClock() });
          const inFlight = new Set<string>();
          const lastAdd = new Map<string, number>();
          const lastStart = new Map<string, number>();
          let seq = 0;
          let overlap = false;
          let n = 0;
          const workers = runWorkers(queue, 8, async (key) => {
            if (inFlight.has(key)) overlap = true;
            inFlight.add(key);
            lastStart.set(key, seq++);
            const ticks = workTicks[n++ % workTicks.length] ?? 0;
            for (let i = 0; i < ticks; i++) await new Promise<void>((r) => setImmediate(r));
            inFlight.delete(key);
          });
          for (const { key, pause } of adds) {
            lastAdd.set(key, seq++);
            queue.add(key);
            for (let i = 0; i < pause; i++) await new Promise<void>((r) => setImmediate(r));
          }
          await flushPromises(20);
          await queue.shutDownWithDrain();
          await workers;
          expect(overlap).toBe(false);
          for (const [key, added] of lastAdd) expect(lastStart.get(key)).toBeGreaterThan(added);
        },
      ),
      { numRuns: 40 },
    );
  });

  test('addAfter delivers on the clock, keeping the earlier of two times', () => {
    const { clock, queue } = newQueue();
    queue.addAfter('ns/a', 100);
    queue.addAfter('ns/a', 300);
    queue.addAfter('ns/b', 200);
    queue.addAfter('ns/b', 50);
    clock.advance(49);
    expect(queue.len).toBe(0);
    clock.advance(1);
    expect(queue.len).toBe(1);
    clock.advance(50);
    expect(queue.len).toBe(2);
    clock.advance(1000);
    expect(queue.len).toBe(2);
  });

  test('addAfter with no delay adds at once', () => {
    const { queue } = newQueue();
    queue.addAfter('ns/a', 0);
    expect(queue.len).toBe(1);
  });

  test('addRateLimited backs off exponentially per key and forget resets it', () => {
    const { clock, queue } = newQueue();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      queue.addRateLimited('ns/a');
      const before = clock.now();
      while (queue.len === 0) clock.advance(1);
      delays.push(clock.now() - before);
      void queue.get();
      queue.done('ns/a');
    }
    expect(delays).toEqual([5, 10, 20, 40, 80]);
    expect(queue.numRequeues('ns/a')).toBe(5);
    expect(queue.numRequeues('ns/other')).toBe(0);
    queue.forget('ns/a');
    expect(queue.numRequeues('ns/a')).toBe(0);
    queue.addRateLimited('ns/a');
    clock.advance(4);
    expect(queue.len).toBe(0);
    clock.advance(1);
    expect(queue.len).toBe(1);
  });

  test('shutDown wakes waiting workers, ignores new keys and still hands out queued ones', async () => {
    const { clock, queue } = newQueue();
    const waiting = queue.get();
    queue.shutDown();
    await expect(waiting).resolves.toBeUndefined();

    const other = newQueue(clock).queue;
    other.add('ns/a');
    other.addAfter('ns/b', 10);
    other.shutDown();
    other.add('ns/c');
    clock.advance(100);
    expect(other.len).toBe(1);
    expect(clock.pendingTimers).toBe(0);
    await expect(other.get()).resolves.toBe('ns/a');
    await expect(other.get()).resolves.toBeUndefined();
  });

  test('shutDownWithDrain resolves only when in-flight keys are done', async () => {
    const { queue } = newQueue();
    queue.add('ns/a');
    await queue.get();
    let drained = false;
    const drain = queue.shutDownWithDrain().then(() => (drained = true));
    await flushPromises();
    expect(drained).toBe(false);
    queue.done('ns/a');
    await drain;
    expect(drained).toBe(true);
  });

  test('reports depth, adds, latency, work duration and retries to its metrics', async () => {
    const clock = new FakeClock();
    const seen = { depth: [] as number[], adds: 0, latency: [] as number[], work: [] as number[], retries: 0 };
    const metrics: WorkQueueMetrics = {
      setDepth: (d) => seen.depth.push(d),
      incAdds: () => seen.adds++,
      observeLatency: (s) => seen.latency.push(s),
      observeWorkDuration: (s) => seen.work.push(s),
      incRetries: () => seen.retries++,
    };
    const queue = new WorkQueue({ clock, metrics });
    queue.add('ns/a');
    queue.add('ns/a');
    clock.advance(2000);
    await queue.get();
    clock.advance(500);
    queue.done('ns/a');
    queue.addRateLimited('ns/a');
    expect(seen).toEqual({ depth: [1, 0], adds: 1, latency: [2], work: [0.5], retries: 1 });
  });
});

describe('runWorkers', () => {
  test('retries a key whose handler throws, with backoff, and ends on shutdown', async () => {
    const { clock, queue } = newQueue();
    const calls: string[] = [];
    const workers = runWorkers(queue, 2, (key) => {
      calls.push(key);
      if (calls.length === 1) return Promise.reject(new Error('boom'));
      queue.forget(key);
      return Promise.resolve();
    });
    queue.add('ns/a');
    await flushPromises();
    expect(calls).toEqual(['ns/a']);
    expect(queue.numRequeues('ns/a')).toBe(1);
    await clock.advanceAsync(5);
    expect(calls).toEqual(['ns/a', 'ns/a']);
    expect(queue.numRequeues('ns/a')).toBe(0);
    queue.shutDown();
    await workers;
  });

  test('rejects a worker count that is not a positive integer', async () => {
    await expect(runWorkers(newQueue().queue, 0, () => Promise.resolve())).rejects.toThrow('runWorkers n');
  });
});
