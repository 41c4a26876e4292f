import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { Drainer } from './drainer.js';

function track(p: Promise<void>): { done: boolean } {
  const state = { done: false };
  void p.then(() => (state.done = true));
  return state;
}

describe('Drainer', () => {
  it('fails readiness at once and ends after a quiet period that each request starts over', async () => {
    const clock = new FakeClock();
    const d = new Drainer({ clock, quietMs: 30_000 });
    d.touch();
    expect(d.draining).toBe(false);
    const drained = track(d.drain());
    expect(d.draining).toBe(true);
    clock.advance(20_000);
    d.touch();
    clock.advance(20_000);
    await flushPromises();
    expect(drained.done).toBe(false);
    clock.advance(10_000);
    await flushPromises();
    expect(drained.done).toBe(true);
    expect(d.drained).toBe(true);
  });

  it('releases /wait-for-drain callers when the drain ends', async () => {
    const clock = new FakeClock();
    const d = new Drainer({ clock, quietMs: 5000 });
    void d.drain();
    const waiter = track(d.waitForDrain());
    clock.advance(4999);
    await flushPromises();
    expect(waiter.done).toBe(false);
    clock.advance(1);
    await flushPromises();
    expect(waiter.done).toBe(true);
    // After the drain, a late caller does not wait.
    expect(track(d.waitForDrain()).done).toBe(false);
    await flushPromises();
  });

  it('gives a drain started only by /wait-for-drain back when no shutdown follows within a second', async () => {
    const clock = new FakeClock();
    const d = new Drainer({ clock, quietMs: 30_000 });
    const waiter = track(d.waitForDrain());
    expect(d.draining).toBe(true);
    clock.advance(1000);
    await flushPromises();
    expect(waiter.done).toBe(true);
    expect(d.draining).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps a /wait-for-drain drain when the shutdown follows, and holds the caller until it ends', async () => {
    const clock = new FakeClock();
    const d = new Drainer({ clock, quietMs: 30_000 });
    const waiter = track(d.waitForDrain());
    clock.advance(500);
    const drained = track(d.drain());
    clock.advance(1000);
    await flushPromises();
    expect(waiter.done).toBe(false);
    expect(d.draining).toBe(true);
    // The quiet period started with /wait-for-drain.
    clock.advance(28_500);
    await flushPromises();
    expect(waiter.done).toBe(true);
    expect(drained.done).toBe(true);
  });
});
