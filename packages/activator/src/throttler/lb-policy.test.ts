import { firstAvailable, newPolicy, policyNameFor, randomChoice2, roundRobin, type LbPolicy } from './lb-policy.js';
import { PodTracker } from './pod-tracker.js';

/** Pods 10.0.0.1.. with the given in-flight counts and capacity. */
const pods = (inFlight: readonly number[], capacity: number): PodTracker[] =>
  inFlight.map((n, i) => {
    const t = new PodTracker({ ip: `10.0.0.${i + 1}`, port: 8012 }, capacity);
    t.inFlight = n;
    return t;
  });

/** The pods a policy picks for `picks` successive requests, each taking its slot. */
function picks(policy: LbPolicy, trackers: PodTracker[], count: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < count; i++) {
    const t = policy(trackers);
    if (t) t.inFlight++;
    out.push(t?.target.ip);
  }
  return out;
}

/** A random source replaying the given values. */
const replay = (values: readonly number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

describe('policyNameFor', () => {
  test.each([
    { name: 'unlimited', cc: 0, want: 'random-choice-2' },
    { name: 'one at a time', cc: 1, want: 'first-available' },
    { name: 'three', cc: 3, want: 'first-available' },
    { name: 'four', cc: 4, want: 'round-robin' },
    { name: 'hundred', cc: 100, want: 'round-robin' },
  ])('$name (cc $cc) uses $want', ({ cc, want }) => {
    expect(policyNameFor(cc)).toBe(want);
  });
});

describe('load balancing policies', () => {
  test.each([
    { name: 'first-available fills the first pod before the next', policy: () => firstAvailable, inFlight: [0, 0, 0], capacity: 2, count: 5, want: ['10.0.0.1', '10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.3'] },
    { name: 'first-available skips full pods', policy: () => firstAvailable, inFlight: [1, 0, 1], capacity: 1, count: 2, want: ['10.0.0.2', undefined] },
    { name: 'first-available with no pods', policy: () => firstAvailable, inFlight: [], capacity: 1, count: 1, want: [undefined] },
    { name: 'round robin spreads one each', policy: () => roundRobin(), inFlight: [0, 0, 0], capacity: 10, count: 4, want: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.1'] },
    { name: 'round robin skips full pods', policy: () => roundRobin(), inFlight: [0, 5, 0], capacity: 5, count: 3, want: ['10.0.0.1', '10.0.0.3', '10.0.0.1'] },
    { name: 'round robin when all are full', policy: () => roundRobin(), inFlight: [4, 4], capacity: 4, count: 1, want: [undefined] },
    { name: 'random choice of two takes the less loaded', policy: () => randomChoice2(replay([0, 0.25])), inFlight: [5, 1, 9], capacity: Infinity, count: 1, want: ['10.0.0.2'] },
    { name: 'random choice of two never draws one pod twice', policy: () => randomChoice2(replay([0.5, 0.5])), inFlight: [3, 3, 0], capacity: Infinity, count: 1, want: ['10.0.0.3'] },
    { name: 'random choice of two with one pod', policy: () => randomChoice2(replay([0.9])), inFlight: [7], capacity: Infinity, count: 2, want: ['10.0.0.1', '10.0.0.1'] },
    { name: 'random choice of two with no pods', policy: () => randomChoice2(replay([0.9])), inFlight: [], capacity: Infinity, count: 1, want: [undefined] },
  ])('$name', ({ policy, inFlight, capacity, count, want }) => {
    expect(picks(policy(), pods(inFlight, capacity), count)).toEqual(want);
  });

  test('random choice of two spreads an unlimited revision evenly over many requests', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const trackers = pods([0, 0, 0, 0], Infinity);
    picks(newPolicy(0, random), trackers, 400);
    for (const t of trackers) expect(t.inFlight).toBeGreaterThanOrEqual(95);
  });
});
