import { coordination } from '@knot/api';
import type { Client } from '../client.js';
import { isNotFound } from '../errors.js';
import { MemoryStore } from '../memory/index.js';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { parseMicroTime } from './lease-record.js';
import { runLeaderElected } from './run-leader-elected.js';
import { cuttable } from './test-fixtures.js';

const NS = 'knative-serving';
const LEASE = 'controller';

interface Candidate {
  /** One signal per term, in order. */
  readonly terms: AbortSignal[];
  /** Runs started and not yet returned. */
  active: number;
  /** When set, a run keeps draining after its term ended until `finish` is called. */
  hold: boolean;
  finish: () => void;
  readonly stop: AbortController;
  /** What runLeaderElected settled with. */
  readonly outcome: Promise<unknown>;
}

function setup() {
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const store = new MemoryStore({ clock, initialNamespaces: [NS] });
  const candidate = (identity: string, opts: { client?: Client; hold?: boolean; run?: (signal: AbortSignal) => Promise<void> } = {}): Candidate => {
    const stop = new AbortController();
    const c = { terms: [] as AbortSignal[], active: 0, hold: opts.hold ?? false, finish: () => {}, stop };
    const run = async (signal: AbortSignal): Promise<void> => {
      c.terms.push(signal);
      c.active++;
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
      if (c.hold) await new Promise<void>((resolve) => (c.finish = resolve));
      c.active--;
    };
    const done = runLeaderElected({ client: opts.client ?? store, namespace: NS, name: LEASE, identity, clock, random: () => 0, signal: stop.signal, run: opts.run ?? run });
    // Settled at once so a rejection is never reported as unhandled while the test still advances time.
    return Object.assign(c, { outcome: done.then(() => 'resolved', (err: unknown) => err) });
  };
  const holder = async (): Promise<string | undefined> => (await store.get(coordination.leases, NS, LEASE)).spec?.holderIdentity;
  return { clock, store, candidate, holder };
}

test('only the lease holder runs; on stop it drains while still holding the lease, then the other runs', async () => {
  const { clock, candidate, holder } = setup();
  const a = candidate('pod-a', { hold: true });
  await clock.advanceAsync(500);
  const b = candidate('pod-b');
  await clock.advanceAsync(3_000);
  expect([a.active, b.active]).toEqual([1, 0]);

  a.stop.abort();
  await clock.advanceAsync(5_000);
  expect(a.terms[0]!.aborted).toBe(true);
  expect([a.active, b.active]).toEqual([1, 0]);
  expect(await holder()).toBe('pod-a');

  a.finish();
  expect(await a.outcome).toBe('resolved');
  expect(await holder()).toBeUndefined();
  await clock.advanceAsync(2_500);
  expect([a.active, b.active]).toEqual([0, 1]);
  expect(await holder()).toBe('pod-b');
  b.stop.abort();
  expect(await b.outcome).toBe('resolved');
});

test('losing the lease aborts the run, and a regained lease starts a new term only after the last run returned', async () => {
  const { clock, store, candidate, holder } = setup();
  const link = cuttable(store);
  const a = candidate('pod-a', { client: link.client, hold: true });
  await clock.advanceAsync(1_000);
  expect(a.active).toBe(1);

  link.cut();
  await clock.advanceAsync(11_000);
  expect(a.terms[0]!.aborted).toBe(true);

  link.heal();
  const healedAt = clock.now();
  await clock.advanceAsync(5_000);
  const lease = await store.get(coordination.leases, NS, LEASE);
  expect(await holder()).toBe('pod-a');
  expect(parseMicroTime(lease.spec?.renewTime)).toBeGreaterThan(healedAt);
  expect(a.terms).toHaveLength(1);

  a.finish();
  await flushPromises();
  expect(a.terms).toHaveLength(2);
  expect([a.active, a.terms[1]!.aborted]).toEqual([1, false]);

  a.hold = false;
  a.stop.abort();
  expect(await a.outcome).toBe('resolved');
  expect(a.active).toBe(0);
});

test.each([
  { name: 'a run that throws while leading', run: () => Promise.reject(new Error('cache never synced')), want: 'cache never synced' },
  { name: 'a run that returns while leading', run: () => Promise.resolve(), want: 'resolved' },
])('$name ends the election and frees the lease for the other replica', async ({ run, want }) => {
  const { clock, candidate, holder } = setup();
  const a = candidate('pod-a', { run });
  const b = candidate('pod-b');
  await clock.advanceAsync(100);
  const outcome = await a.outcome;
  expect(outcome instanceof Error ? outcome.message : outcome).toBe(want);
  // Well within the 15s lease, so only a released lease lets b in.
  await clock.advanceAsync(2_500);
  expect(b.active).toBe(1);
  expect(await holder()).toBe('pod-b');
  b.stop.abort();
  expect(await b.outcome).toBe('resolved');
});

test('an already aborted signal neither runs nor touches the lease', async () => {
  const { clock, store } = setup();
  let runs = 0;
  const stop = new AbortController();
  stop.abort();
  await runLeaderElected({ client: store, namespace: NS, name: LEASE, identity: 'pod-a', clock, signal: stop.signal, run: () => Promise.resolve(void runs++) });
  await clock.advanceAsync(5_000);
  expect(runs).toBe(0);
  await expect(store.get(coordination.leases, NS, LEASE).catch((err: unknown) => isNotFound(err))).resolves.toBe(true);
});
