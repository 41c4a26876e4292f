import { decide, excessBurstCapacity, initialDeciderStatus, initialKpaState, numActivators, type KpaInput, type KpaState } from './kpa.js';
import { baseSpec } from './testing/base-spec.js';
import type { DeciderSpec } from './types.js';

const NOW = Date.UTC(2024, 0, 1, 0, 10);


const calm: KpaState = { panicTime: null, maxPanicPods: 0, delayWindow: [] };
const input = (readyPods: number, stableAvg: number, panicAvg = stableAvg, now = NOW): KpaInput => ({ now, readyPods, stableAvg, panicAvg });

describe('decide: desired scale', () => {
  test.each([
    { name: 'no demand on one pod scales to zero', spec: {}, in: input(1, 0), state: calm, desired: 0 },
    { name: 'stable average over target, rounded up', spec: {}, in: input(3, 25), state: calm, desired: 3 },
    { name: 'no ready pods count as one', spec: {}, in: input(0, 15, 0), state: calm, desired: 2 },
    { name: 'scale-up limited to ceil(rate × ready)', spec: { maxScaleUpRate: 2 }, in: input(2, 100, 0), state: calm, desired: 4 },
    { name: 'a slow up rate still grows by at least one pod', spec: { maxScaleUpRate: 1.1 }, in: input(2, 30, 0), state: calm, desired: 3 },
    { name: 'scale-down limited to floor(ready / rate)', spec: {}, in: input(10, 0), state: calm, desired: 5 },
    { name: 'a gentler down rate keeps more', spec: { maxScaleDownRate: 4 }, in: input(10, 0), state: calm, desired: 2 },
    { name: 'an unreachable revision scales down without the rate limit', spec: { reachable: false }, in: input(10, 0), state: calm, desired: 0 },
    { name: 'rps: the same formula on requests per second', spec: { scalingMetric: 'rps' as const, targetValue: 140, totalValue: 200 }, in: input(1, 141, 0), state: calm, desired: 2 },
    { name: 'a fractional target', spec: { targetValue: 0.7 }, in: input(2, 1.5, 0), state: calm, desired: 3 },
  ])('$name', (row) => {
    const got = decide({ ...baseSpec, ...row.spec }, row.in, row.state);
    expect(got.status.desiredScale).toBe(row.desired);
    expect(got.status.inPanic).toBe(false);
  });
});

describe('decide: panic', () => {
  test.each([
    {
      name: 'enters when ceil(panic/target)/ready reaches the threshold',
      in: input(2, 10, 40),
      state: calm,
      want: { desiredScale: 4, inPanic: true },
      wantState: { panicTime: NOW, maxPanicPods: 4 },
    },
    {
      name: 'stays out just under the threshold',
      in: input(2, 10, 30),
      state: calm,
      want: { desiredScale: 1, inPanic: false },
      wantState: { panicTime: null, maxPanicPods: 0 },
    },
    {
      name: 'a lower threshold panics sooner',
      spec: { panicThreshold: 1.1 },
      in: input(2, 10, 30),
      state: calm,
      want: { desiredScale: 3, inPanic: true },
      wantState: { panicTime: NOW, maxPanicPods: 3 },
    },
    {
      name: 'extends from now while still over the threshold',
      in: input(4, 10, 80),
      state: { panicTime: NOW - 20_000, maxPanicPods: 4, delayWindow: [] },
      want: { desiredScale: 8, inPanic: true },
      wantState: { panicTime: NOW, maxPanicPods: 8 },
    },
    {
      name: 'never scales below the highest value of this panic',
      in: input(8, 20, 20),
      state: { panicTime: NOW - 30_000, maxPanicPods: 8, delayWindow: [] },
      want: { desiredScale: 8, inPanic: true },
      wantState: { panicTime: NOW - 30_000, maxPanicPods: 8 },
    },
    {
      name: 'in panic the stable window counts when it sees more',
      in: input(4, 60, 20),
      state: { panicTime: NOW - 10_000, maxPanicPods: 4, delayWindow: [] },
      want: { desiredScale: 6, inPanic: true },
      wantState: { panicTime: NOW - 10_000, maxPanicPods: 6 },
    },
    {
      name: 'still panicking exactly one stable window after the last surge',
      in: input(8, 20, 20),
      state: { panicTime: NOW - 60_000, maxPanicPods: 8, delayWindow: [] },
      want: { desiredScale: 8, inPanic: true },
      wantState: { panicTime: NOW - 60_000, maxPanicPods: 8 },
    },
    {
      name: 'leaves once a whole stable window passed under the threshold',
      in: input(8, 20, 20),
      state: { panicTime: NOW - 60_001, maxPanicPods: 8, delayWindow: [] },
      want: { desiredScale: 4, inPanic: false },
      wantState: { panicTime: null, maxPanicPods: 0 },
    },
    {
      name: 'panic pods are clamped by the scale-up rate too',
      spec: { maxScaleUpRate: 2 },
      in: input(1, 0, 100),
      state: calm,
      want: { desiredScale: 2, inPanic: true },
      wantState: { panicTime: NOW, maxPanicPods: 2 },
    },
  ])('$name', (row) => {
    const got = decide({ ...baseSpec, ...row.spec }, row.in, row.state);
    expect(got.status).toMatchObject(row.want);
    expect(got.state).toMatchObject(row.wantState);
  });
});

describe('decide: scale-down delay', () => {
  const spec = { ...baseSpec, scaleDownDelayMs: 10_000 };
  const run = (steps: readonly (readonly [number, number])[], s: DeciderSpec = spec) => {
    let state = calm;
    const out: number[] = [];
    for (const [atMs, stable] of steps) {
      const d = decide(s, input(10, stable, 0, NOW + atMs), state);
      state = d.state;
      out.push(d.status.desiredScale);
    }
    return out;
  };

  test.each([
    { name: 'holds the highest value of the trailing delay', steps: [[0, 100], [2000, 60], [4000, 60]] as const, want: [10, 10, 10] },
    { name: 'lets go once the high value is a whole delay old', steps: [[0, 100], [2000, 60], [10_000, 60]] as const, want: [10, 10, 6] },
    { name: 'scale-ups pass at once', steps: [[0, 60], [2000, 100]] as const, want: [6, 10] },
    { name: 'steps down through the lower values as they age out', steps: [[0, 100], [4000, 80], [8000, 60], [10_000, 60], [12_000, 60], [14_000, 60]] as const, want: [10, 10, 10, 8, 8, 6] },
  ])('$name', ({ steps, want }) => {
    expect(run(steps)).toEqual(want);
  });

  test('an unreachable revision is not delayed', () => {
    expect(run([[0, 100], [2000, 0]], { ...spec, reachable: false })).toEqual([10, 0]);
  });

  test('without a delay the state keeps no window', () => {
    expect(decide(baseSpec, input(3, 25), calm).state.delayWindow).toEqual([]);
  });
});

describe('excess burst capacity and activators', () => {
  test.each([
    { name: 'floor(ready × total − TBC − panic)', ready: 30, panic: 50, tbc: 211, want: 39 },
    { name: 'fractional panic average is floored', ready: 30, panic: 10.5, tbc: 211, want: 78 },
    { name: 'short of burst capacity is negative', ready: 1, panic: 0, tbc: 211, want: -201 },
    { name: 'TBC 0: only at zero, so always 0', ready: 1, panic: 100, tbc: 0, want: 0 },
    { name: 'TBC -1: activator always in the path', ready: 100, panic: 0, tbc: -1, want: -1 },
    { name: 'zero ready pods count as zero capacity', ready: 0, panic: 0, tbc: 5, want: -5 },
  ])('$name', ({ ready, panic, tbc, want }) => {
    const spec = { ...baseSpec, targetBurstCapacity: tbc };
    expect(excessBurstCapacity(ready, panic, spec)).toBe(want);
    expect(decide(spec, input(ready, 0, panic), calm).status.excessBurstCapacity).toBe(want);
  });

  test.each([
    { name: 'ready capacity plus TBC over activator capacity', ready: 100, total: 10, tbc: 211, want: 13 },
    { name: 'at least two', ready: 1, total: 10, tbc: 10, want: 2 },
    { name: 'TBC 0 always two', ready: 1000, total: 10, tbc: 0, want: 2 },
    { name: 'TBC -1 covers the ready capacity only', ready: 50, total: 10, tbc: -1, want: 5 },
  ])('numActivators: $name', ({ ready, total, tbc, want }) => {
    const spec = { ...baseSpec, totalValue: total, targetBurstCapacity: tbc };
    expect(numActivators(ready, spec)).toBe(want);
    expect(decide(spec, input(ready, 0), calm).status.numActivators).toBe(want);
  });
});

describe('a new scaler', () => {
  test.each([
    { name: 'no pods: calm', ready: 0, want: { panicTime: null, maxPanicPods: 0 } },
    { name: 'one pod: calm', ready: 1, want: { panicTime: null, maxPanicPods: 1 } },
    { name: 'more than one pod: starts in panic holding them', ready: 3, want: { panicTime: NOW, maxPanicPods: 3 } },
  ])('$name', ({ ready, want }) => {
    expect(initialKpaState(ready, NOW)).toEqual({ ...want, delayWindow: [] });
  });

  test('started in panic with three pods and no demand, keeps them for a stable window', () => {
    let state = initialKpaState(3, NOW);
    const at = (ms: number) => {
      const d = decide(baseSpec, input(3, 0, 0, NOW + ms), state);
      state = d.state;
      return d.status.desiredScale;
    };
    expect([at(2000), at(60_000), at(60_002)]).toEqual([3, 3, 1]);
  });

  test.each([
    { name: 'TBC above initial capacity: negative', tbc: 211, initialScale: 1, want: -201, activators: 3 },
    { name: 'initial capacity covers TBC', tbc: 15, initialScale: 2, want: 5, activators: 2 },
    { name: 'TBC 0', tbc: 0, initialScale: 1, want: 0, activators: 2 },
    { name: 'TBC -1', tbc: -1, initialScale: 1, want: -1, activators: 2 },
  ])('initial status, $name', ({ tbc, initialScale, want, activators }) => {
    expect(initialDeciderStatus({ ...baseSpec, targetBurstCapacity: tbc, initialScale }, 0, false)).toEqual({ desiredScale: -1, excessBurstCapacity: want, numActivators: activators, inPanic: false });
  });
});
