import { activatorIndex, assignPods } from './activator-subset.js';

const pods = (...ports: number[]) => ports.map((port) => ({ ip: '10.0.0.1', port }));
const ports = (a: { pods: readonly { port: number }[] }) => a.pods.map((p) => p.port);

describe('assignPods', () => {
  test.each([
    { name: 'one activator uses every pod', pods: pods(1, 2, 3), activators: 1, index: 0, want: [1, 2, 3], sharers: 1 },
    { name: 'an activator not listed uses every pod', pods: pods(1, 2, 3), activators: 2, index: -1, want: [1, 2, 3], sharers: 1 },
    { name: 'first of two takes every other pod', pods: pods(3, 1, 2), activators: 2, index: 0, want: [1, 3], sharers: 1 },
    { name: 'second of two takes the rest', pods: pods(3, 1, 2), activators: 2, index: 1, want: [2], sharers: 1 },
    { name: 'as many pods as activators: one each', pods: pods(1, 2, 3), activators: 3, index: 2, want: [3], sharers: 1 },
    { name: 'fewer pods than activators: all pods, shared', pods: pods(1), activators: 3, index: 1, want: [1], sharers: 3 },
    { name: 'no pods', pods: pods(), activators: 2, index: 0, want: [], sharers: 2 },
  ])('$name', ({ pods: given, activators, index, want, sharers }) => {
    const got = assignPods(given, activators, index);
    expect([ports(got), got.sharers]).toEqual([want, sharers]);
  });

  test('every pod goes to exactly one of the activators', () => {
    const all = pods(1, 2, 3, 4, 5, 6, 7);
    const taken = [0, 1, 2].flatMap((i) => ports(assignPods(all, 3, i)));
    expect(taken.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('activatorIndex', () => {
  test.each([
    { name: 'by sorted address', addresses: ['10.0.0.9:8012', '10.0.0.2:8012'], self: '10.0.0.9:8012', want: 1 },
    { name: 'not listed', addresses: ['10.0.0.2:8012'], self: '10.0.0.9:8012', want: -1 },
    { name: 'no identity', addresses: ['10.0.0.2:8012'], self: undefined, want: -1 },
  ])('$name', ({ addresses, self, want }) => {
    expect(activatorIndex(addresses, self)).toBe(want);
  });
});
