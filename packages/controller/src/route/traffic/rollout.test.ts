import { FakeClock } from '@knot/runtime/testing';
import { parseRollout, serializeRollout } from './rollout-annotation.js';
import { adjustPercentage, observeReady, rolloutDone, rolloutsByTag, stepRevisions, stepRollout, type ConfigurationRollout, type RolloutParams, type Rollout } from './rollout.js';

const cr = (configurationName: string, percent: number, revs: [string, number][], stepParams: RolloutParams = {}, tag?: string): ConfigurationRollout => ({
  configurationName,
  ...(tag ? { tag } : {}),
  percent,
  ...(revs.length ? { revisions: revs.map(([revisionName, p]) => ({ revisionName, percent: p })) } : {}),
  stepParams,
});
const ro = (...configurations: ConfigurationRollout[]): Rollout => (configurations.length ? { configurations } : {});

describe('stepRollout', () => {
  const now = 2020;
  test.each<{ name: string; cur: Rollout; prev?: Rollout; want: Rollout; next?: number }>([
    { name: 'no previous state', cur: ro(cr('mick', 100, [['a', 100]])), want: ro(cr('mick', 100, [['a', 100]])) },
    { name: 'previous state without configurations', cur: ro(cr('mick', 100, [['a', 100]])), prev: ro(), want: ro(cr('mick', 100, [['a', 100]])) },
    {
      name: 'same revision: steady, step params dropped',
      cur: ro(cr('mick', 100, [['a', 100]], { nextStepTime: 2009, stepDuration: 2020, starttime: 2004, stepSize: 14 })),
      prev: ro(cr('mick', 100, [['a', 100]])),
      want: ro(cr('mick', 100, [['a', 100]])),
    },
    {
      name: 'a due step moves stepSize to the newest revision',
      cur: ro(cr('mick', 100, [['new', 100]])),
      prev: ro(cr('mick', 100, [['old', 95], ['new', 5]], { nextStepTime: 2019, stepDuration: 5, starttime: 2004, stepSize: 3 })),
      want: ro(cr('mick', 100, [['old', 92], ['new', 8]], { nextStepTime: now + 5, stepDuration: 5, starttime: 2004, stepSize: 3 })),
      next: now + 5,
    },
    {
      name: 'a step not due yet changes nothing',
      cur: ro(cr('mick', 100, [['new', 100]])),
      prev: ro(cr('mick', 100, [['old', 95], ['new', 5]], { nextStepTime: 2030, stepDuration: 5, starttime: 2004, stepSize: 3 })),
      want: ro(cr('mick', 100, [['old', 95], ['new', 5]], { nextStepTime: 2030, stepDuration: 5, starttime: 2004, stepSize: 3 })),
      next: 2030,
    },
    {
      name: 'an unsized rollout waits for the ingress',
      cur: ro(cr('mick', 100, [['new', 100]])),
      prev: ro(cr('mick', 100, [['old', 95], ['new', 5]], { starttime: 2004 })),
      want: ro(cr('mick', 100, [['old', 95], ['new', 5]], { starttime: 2004 })),
    },
    {
      name: 'a new revision starts at 1%',
      cur: ro(cr('mick', 100, [['new', 100]])),
      prev: ro(cr('mick', 100, [['old', 100]], { nextStepTime: 1984, starttime: 1981, stepDuration: 1988, stepSize: 11 })),
      want: ro(cr('mick', 100, [['old', 99], ['new', 1]], { starttime: now })),
    },
    {
      name: 'two configurations step; the earliest next step is returned',
      cur: ro(cr('mick', 42, [['let-it-bleed', 42]]), cr('keith', 52, [['beggars-banquet', 52]])),
      prev: ro(
        cr('mick', 42, [['majesties', 37], ['let-it-bleed', 5]], { nextStepTime: 2019, stepDuration: 43, starttime: 1961, stepSize: 3 }),
        cr('keith', 52, [['sticky-fingers', 36], ['beggars-banquet', 16]], { nextStepTime: 2018, stepDuration: 55, starttime: 1971, stepSize: 4 }),
      ),
      want: ro(
        cr('keith', 52, [['sticky-fingers', 32], ['beggars-banquet', 20]], { nextStepTime: now + 55, stepDuration: 55, starttime: 1971, stepSize: 4 }),
        cr('mick', 42, [['majesties', 34], ['let-it-bleed', 8]], { nextStepTime: now + 43, stepDuration: 43, starttime: 1961, stepSize: 3 }),
      ),
      next: now + 43,
    },
    {
      name: 'a new revision during a rollout takes 1% from the newest',
      cur: ro(cr('mick', 100, [['third', 100]])),
      prev: ro(cr('mick', 100, [['first', 95], ['second', 5]], { starttime: now - 1982 })),
      want: ro(cr('mick', 100, [['first', 95], ['second', 4], ['third', 1]], { starttime: now })),
    },
    {
      name: 'a new revision while the last one holds 1% replaces it',
      cur: ro(cr('mick', 100, [['third', 100]])),
      prev: ro(cr('mick', 100, [['first', 99], ['second', 1]], { starttime: now - 1984 })),
      want: ro(cr('mick', 100, [['first', 99], ['third', 1]], { starttime: now })),
    },
    {
      name: 'a lower percent comes out of the oldest revisions',
      cur: ro(cr('mick', 33, [['new', 33]])),
      prev: ro(cr('mick', 42, [['oldest', 11], ['older', 31]])),
      want: ro(cr('mick', 33, [['oldest', 2], ['older', 30], ['new', 1]], { starttime: now })),
    },
    {
      name: 'a higher percent goes to the newest revision',
      cur: ro(cr('mick', 75, [['new', 75]])),
      prev: ro(cr('mick', 25, [['oldest', 11], ['older', 14]])),
      want: ro(cr('mick', 75, [['oldest', 11], ['older', 63], ['new', 1]], { starttime: now })),
    },
    { name: 'a configuration cut to 0% leaves the rollout', cur: ro(cr('charlie', 0, [['a', 0]])), prev: ro(cr('charlie', 100, [['b', 100]])), want: ro() },
    {
      name: 'a new configuration at 0% is ignored',
      cur: ro(cr('charlie', 0, [['a', 0]]), cr('mick', 100, [['b', 100]])),
      prev: ro(cr('mick', 100, [['b', 100]])),
      want: ro(cr('mick', 100, [['b', 100]])),
    },
    {
      name: 'a 1% target has nothing to roll',
      cur: ro(cr('ab', 1, [['new', 1]]), cr('main', 99, [['m', 99]])),
      prev: ro(cr('ab', 1, [['old', 1]]), cr('main', 99, [['m', 99]])),
      want: ro(cr('ab', 1, [['new', 1]]), cr('main', 99, [['m', 99]])),
    },
    {
      name: 'a new tag takes its traffic at once',
      cur: ro(cr('mick', 100, [['new', 100]]), cr('mick', 100, [['new', 100]], {}, 'canary')),
      prev: ro(cr('mick', 100, [['new', 100]])),
      want: ro(cr('mick', 100, [['new', 100]]), cr('mick', 100, [['new', 100]], {}, 'canary')),
    },
  ])('$name', ({ cur, prev, want, next }) => {
    const prevCopy = structuredClone(prev);
    const got = stepRollout(cur, prev, now);
    expect(got.rollout).toEqual(want);
    expect(got.nextStepTime).toBe(next ?? 0);
    expect(prev).toEqual(prevCopy);
  });
});

describe('observeReady', () => {
  const now = 200620092020 + 1982;
  const olden = 198219841988;
  const SEC = 1e9;
  test.each<{ name: string; c: ConfigurationRollout; want: RolloutParams }>([
    { name: 'already sized', c: cr('a', 100, [], { stepDuration: 11 }), want: { stepDuration: 11 } },
    { name: 'not started', c: cr('a', 100, []), want: {} },
    {
      name: 'ready within a second: 99 steps of 1%',
      c: cr('a', 100, [], { starttime: 200620092020 }),
      want: { starttime: 200620092020, stepDuration: 1202020202, stepSize: 1, nextStepTime: now + 1202020202 },
    },
    { name: 'ready after long: steps of 3s', c: cr('a', 100, [], { starttime: olden }), want: { starttime: olden, stepDuration: 3 * SEC, stepSize: 3, nextStepTime: now + 3 * SEC } },
    { name: 'step size rounds up', c: cr('a', 75, [], { starttime: olden }), want: { starttime: olden, stepDuration: 3 * SEC, stepSize: 2, nextStepTime: now + 3 * SEC } },
    { name: 'a partial percent', c: cr('a', 50, [], { starttime: olden }), want: { starttime: olden, stepDuration: 3 * SEC, stepSize: 1, nextStepTime: now + 3 * SEC } },
    { name: 'slower than the whole duration: one final step', c: cr('a', 13, [], { starttime: 14921812 }), want: { starttime: 14921812, stepDuration: SEC, stepSize: 12, nextStepTime: now + SEC } },
  ])('$name', ({ c, want }) => {
    const got = observeReady(ro(c), now, 120);
    expect(got.configurations?.[0]?.stepParams).toEqual(want);
  });
});

describe('percent adjustments and steps', () => {
  test.each<{ name: string; goal: number; c: ConfigurationRollout; want: [string, number][] }>([
    { name: 'to zero', goal: 0, c: cr('a', 50, [['x', 20], ['y', 30]]), want: [] },
    { name: 'up goes to the newest', goal: 70, c: cr('a', 50, [['x', 20], ['y', 30]]), want: [['x', 20], ['y', 50]] },
    { name: 'down comes from the oldest', goal: 40, c: cr('a', 50, [['x', 20], ['y', 30]]), want: [['x', 10], ['y', 30]] },
    { name: 'down drains the oldest completely', goal: 15, c: cr('a', 50, [['x', 10], ['y', 40]]), want: [['y', 15]] },
    { name: 'unchanged', goal: 50, c: cr('a', 50, [['x', 20], ['y', 30]]), want: [['x', 20], ['y', 30]] },
  ])('adjust: $name', ({ goal, c, want }) => {
    adjustPercentage(goal, c);
    expect((c.revisions ?? []).map((r) => [r.revisionName, r.percent])).toEqual(want);
  });

  test.each<{ name: string; c: ConfigurationRollout; want: ConfigurationRollout }>([
    {
      name: 'drains across several old revisions',
      c: cr('a', 100, [['x', 2], ['y', 3], ['z', 95]], { stepSize: 4, stepDuration: 10, nextStepTime: 5 }),
      want: cr('a', 100, [['x', 1], ['z', 99]], { stepSize: 4, stepDuration: 10, nextStepTime: 110 }),
    },
    {
      name: 'the last step completes the rollout and clears the params',
      c: cr('a', 100, [['x', 3], ['z', 97]], { stepSize: 5, stepDuration: 10, nextStepTime: 5 }),
      want: cr('a', 100, [['z', 100]]),
    },
    {
      name: 'a step larger than the remainder is capped at the percent',
      c: cr('a', 15, [['x', 5], ['z', 10]], { stepSize: 10, stepDuration: 10, nextStepTime: 5 }),
      want: cr('a', 15, [['z', 15]]),
    },
  ])('step: $name', ({ c, want }) => {
    stepRevisions(c, 100);
    expect(c).toEqual(want);
  });

  test('rollouts by tag and done', () => {
    const r = ro(cr('a', 100, [['x', 1], ['y', 99]]), cr('a', 100, [['y', 100]], {}, 't'));
    expect(rolloutsByTag(r, 't').map((c) => c.tag)).toEqual(['t']);
    expect(rolloutsByTag(r, '').length).toBe(1);
    expect(rolloutDone(r)).toBe(false);
    expect(rolloutDone(ro(cr('a', 100, [['y', 100]])))).toBe(true);
  });
});

describe('rollout annotation', () => {
  test('serializes with Knative field names and order', () => {
    const r = ro(cr('c', 100, [['old', 99], ['new', 1]], { starttime: 1704067200000000000 }, 't'));
    expect(serializeRollout(r)).toBe(
      '{"configurations":[{"configurationName":"c","tag":"t","percent":100,"revisions":[{"revisionName":"old","percent":99},{"revisionName":"new","percent":1}],"stepParams":{"starttime":1704067200000000000}}]}',
    );
    expect(serializeRollout(ro())).toBe('{}');
    expect(parseRollout(serializeRollout(r))).toEqual(r);
  });

  test.each([
    { name: 'absent', text: undefined },
    { name: 'not JSON', text: '{' },
    { name: 'not an object', text: '[]' },
    { name: 'wrong field type', text: '{"configurations":[{"configurationName":1,"percent":100,"stepParams":{}}]}' },
    { name: 'percent over 100', text: '{"configurations":[{"configurationName":"c","percent":101,"revisions":[{"revisionName":"r","percent":101}],"stepParams":{}}]}' },
    { name: 'revisions not summing up', text: '{"configurations":[{"configurationName":"c","percent":100,"revisions":[{"revisionName":"r","percent":90}],"stepParams":{}}]}' },
    { name: 'negative step', text: '{"configurations":[{"configurationName":"c","percent":100,"revisions":[{"revisionName":"r","percent":100}],"stepParams":{"stepSize":-1}}]}' },
    { name: 'step over the percent', text: '{"configurations":[{"configurationName":"c","percent":10,"revisions":[{"revisionName":"r","percent":10}],"stepParams":{"stepSize":11}}]}' },
  ])('drops a bad annotation: $name', ({ text }) => {
    expect(parseRollout(text)).toBeUndefined();
  });

  test('reads an empty rollout as an empty state', () => {
    expect(parseRollout('{}')).toEqual({});
  });
});

describe('a whole rollout on a fake clock', () => {
  test('1% first, then equal steps until the new revision has everything', () => {
    const clock = new FakeClock();
    const ns = () => clock.now() * 1e6;
    const durationSecs = 60;
    // Steady state on "old", then "new" becomes the latest ready revision.
    let state = stepRollout(ro(cr('c', 100, [['new', 100]])), ro(cr('c', 100, [['old', 100]])), ns()).rollout;
    expect(state.configurations?.[0]?.revisions).toEqual([
      { revisionName: 'old', percent: 99 },
      { revisionName: 'new', percent: 1 },
    ]);
    // The ingress takes 4s to program the 1% split.
    clock.advance(4000);
    state = observeReady(state, ns(), durationSecs);
    const seen: number[] = [];
    for (let i = 0; i < 50 && !rolloutDone(state); i++) {
      const { rollout, nextStepTime } = stepRollout(ro(cr('c', 100, [['new', 100]])), state, ns());
      state = rollout;
      seen.push(rollout.configurations?.at(0)?.revisions?.at(-1)?.percent ?? -1);
      if (nextStepTime) clock.advance(Math.ceil((nextStepTime - ns()) / 1e6));
    }
    // (60s - 4s) / 4s = 14 steps of round(99 / 14) = 7%.
    expect(seen).toEqual([1, 8, 15, 22, 29, 36, 43, 50, 57, 64, 71, 78, 85, 92, 99, 100]);
    expect(state).toEqual(ro(cr('c', 100, [['new', 100]])));
  });
});
