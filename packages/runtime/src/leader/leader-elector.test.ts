import { coordination } from '@knot/api';
import type { Client } from '../client.js';
import { ApiError } from '../errors.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock } from '../testing/fake-clock.js';
import { LeaderElector, type LeaderElectionOptions } from './leader-elector.js';

const NS = 'knative-serving';
const LEASE = 'controller.knative.dev.serving.pkg.reconciler.revision.reconciler.00-of-01';

/** A client whose connection can be cut, as in a network partition or a hung process. */
function cuttable(client: Client): { client: Client; cut: () => void } {
  let cut = false;
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => (cut ? Promise.reject(new ApiError('InternalError', 'partitioned')) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { client: proxy, cut: () => (cut = true) };
}

interface Candidate {
  elector: LeaderElector;
  signals: AbortSignal[];
  stopped: number;
  newLeaders: string[];
}

function setup() {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const store = new MemoryStore({ clock, initialNamespaces: [NS] });
  const candidate = (identity: string, client: Client = store, extra: Partial<LeaderElectionOptions> = {}): Candidate => {
    const c: Candidate = { signals: [], stopped: 0, newLeaders: [], elector: undefined as never };
    c.elector = new LeaderElector({
      client,
      namespace: NS,
      name: LEASE,
      identity,
      clock,
      random: () => 0,
      onStartedLeading: (signal) => void c.signals.push(signal),
      onStoppedLeading: () => void c.stopped++,
      onNewLeader: (id) => void c.newLeaders.push(id),
      ...extra,
    });
    return c;
  };
  const lease = () => store.get(coordination.leases, NS, LEASE);
  /** Advances in small steps, checking that two candidates never lead at once. */
  const run = async (ms: number, candidates: Candidate[]) => {
    for (let t = 0; t < ms; t += 250) {
      await clock.advanceAsync(250);
      expect(candidates.filter((c) => c.elector.isLeader).length).toBeLessThanOrEqual(1);
    }
  };
  return { clock, store, candidate, lease, run };
}

test('of two candidates exactly one leads, and keeps leading while it renews', async () => {
  const { candidate, lease, run } = setup();
  const a = candidate('pod-a');
  const b = candidate('pod-b');
  a.elector.start();
  b.elector.start();
  await run(1_000, [a, b]);
  expect([a.elector.isLeader, b.elector.isLeader]).toEqual([true, false]);
  expect(a.signals).toHaveLength(1);
  expect(b.newLeaders).toEqual(['pod-a']);
  const first = (await lease()).spec!;
  expect(first).toMatchObject({ holderIdentity: 'pod-a', leaseDurationSeconds: 15, leaseTransitions: 0, acquireTime: '2024-01-01T00:00:00.000000Z' });

  await run(60_000, [a, b]);
  expect([a.elector.isLeader, b.elector.isLeader]).toEqual([true, false]);
  const later = (await lease()).spec!;
  expect(later.renewTime! > first.renewTime!).toBe(true);
  expect(later.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  expect(later.acquireTime).toBe(first.acquireTime);
  expect(a.signals[0]!.aborted).toBe(false);
});

test('when the leader stops renewing, it steps down and the other takes over after the lease expires', async () => {
  const { store, candidate, lease, run } = setup();
  const link = cuttable(store);
  const a = candidate('pod-a', link.client);
  const b = candidate('pod-b');
  a.elector.start();
  await run(500, [a, b]);
  b.elector.start();
  await run(4_000, [a, b]);
  expect(a.elector.isLeader).toBe(true);

  link.cut();
  await run(9_000, [a, b]);
  expect(b.elector.isLeader).toBe(false);
  await run(3_000, [a, b]);
  expect(a.elector.isLeader).toBe(false);
  expect(a.stopped).toBe(1);
  expect(a.signals[0]!.aborted).toBe(true);

  await run(6_000, [a, b]);
  expect(b.elector.isLeader).toBe(true);
  expect((await lease()).spec).toMatchObject({ holderIdentity: 'pod-b', leaseTransitions: 1 });
  expect(b.newLeaders).toEqual(['pod-a', 'pod-b']);
});

test('stop() releases the lease so the other candidate takes over within a retry period', async () => {
  const { candidate, lease, run } = setup();
  const a = candidate('pod-a');
  const b = candidate('pod-b');
  a.elector.start();
  await run(500, [a, b]);
  b.elector.start();
  await run(2_000, [a, b]);

  await a.elector.stop();
  expect(a.elector.isLeader).toBe(false);
  expect(a.signals[0]!.aborted).toBe(true);
  expect(a.stopped).toBe(1);
  expect((await lease()).spec?.holderIdentity).toBeUndefined();

  await run(2_500, [a, b]);
  expect(b.elector.isLeader).toBe(true);
  expect((await lease()).spec).toMatchObject({ holderIdentity: 'pod-b', leaseTransitions: 1 });
});

test('an expired lease left by a dead holder goes to exactly one of two racing candidates', async () => {
  const { store, candidate, lease, run } = setup();
  await store.create(coordination.leases, {
    metadata: { name: LEASE, namespace: NS },
    spec: { holderIdentity: 'pod-dead', leaseDurationSeconds: 15, renewTime: '2023-12-31T23:59:00.000000Z', leaseTransitions: 3 },
  });
  const a = candidate('pod-a');
  const b = candidate('pod-b');
  a.elector.start();
  b.elector.start();
  // Both first observe pod-dead's record now, so neither may take it before 15s of silence.
  await run(14_000, [a, b]);
  expect([a.elector.isLeader, b.elector.isLeader]).toEqual([false, false]);
  await run(4_000, [a, b]);
  expect([a.elector.isLeader, b.elector.isLeader].filter(Boolean)).toHaveLength(1);
  expect((await lease()).spec?.leaseTransitions).toBe(4);
});

test('a stopped candidate that never led leaves the lease alone', async () => {
  const { candidate, lease, run } = setup();
  const a = candidate('pod-a');
  const b = candidate('pod-b');
  a.elector.start();
  await run(500, [a]);
  b.elector.start();
  await run(500, [a, b]);
  await b.elector.stop();
  expect((await lease()).spec?.holderIdentity).toBe('pod-a');
  expect(b.stopped).toBe(0);
});

test.each([
  { name: 'empty identity', opts: { identity: '' }, msg: /identity/ },
  { name: 'renew deadline too close to retry period', opts: { renewDeadlineMs: 2_000, retryPeriodMs: 2_000 }, msg: /renewDeadlineMs/ },
  { name: 'lease not longer than renew deadline', opts: { leaseDurationMs: 10_000 }, msg: /leaseDurationMs/ },
  { name: 'non-positive retry period', opts: { retryPeriodMs: 0 }, msg: /retryPeriodMs/ },
])('$name is rejected naming the option', ({ opts, msg }) => {
  const { candidate } = setup();
  expect(() => candidate('pod-a', undefined, opts)).toThrow(msg);
});
