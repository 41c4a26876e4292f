import type { Status } from '../duck/condition.js';
import { newLivingConditionSet } from './condition-set.js';
import { FAILED_GENERATION_BUMP_REASON, groomTransitionTimes, markObserved, preProcessStatus } from './reconcile-status.js';

const set = newLivingConditionSet('Active');
const now = () => Date.parse('2024-06-01T12:00:00Z');

describe('markObserved', () => {
  test.each([
    { name: 'records the generation', generation: 3, want: { observedGeneration: 3 } },
    { name: 'leaves 0 out, as Knative JSON does', generation: 0, want: {} },
    { name: 'leaves an unset generation out', generation: undefined, want: {} },
  ])('$name', ({ generation, want }) => {
    const status: Status = { observedGeneration: 1 };
    markObserved(status, generation);
    expect(status).toEqual(want);
  });
});

describe('preProcessStatus', () => {
  test('a new generation resets a True Ready to Unknown', () => {
    const status: Status = { observedGeneration: 1, conditions: [{ type: 'Active', status: 'True' }, { type: 'Ready', status: 'True' }] };
    preProcessStatus(set, status, 2, { now });
    expect(status.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: FAILED_GENERATION_BUMP_REASON });
  });

  test('the observed generation leaves conditions alone but initializes missing ones', () => {
    const status: Status = { observedGeneration: 2, conditions: [{ type: 'Ready', status: 'True' }] };
    preProcessStatus(set, status, 2, { now });
    expect(status.conditions?.map((c) => [c.type, c.status])).toEqual([
      ['Active', 'True'],
      ['Ready', 'True'],
    ]);
  });
});

describe('groomTransitionTimes', () => {
  test('unchanged conditions keep their old time, changed ones share the new time', () => {
    const before: Status = {
      conditions: [
        { type: 'Active', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:00Z' },
      ],
    };
    const after: Status = {
      conditions: [
        { type: 'Active', status: 'True', lastTransitionTime: '2024-05-05T00:00:00Z' },
        { type: 'New', status: 'True', severity: 'Info', lastTransitionTime: '2024-05-05T00:00:01Z' },
        { type: 'Ready', status: 'False', reason: 'X', lastTransitionTime: '2024-05-05T00:00:02Z' },
      ],
    };
    groomTransitionTimes(after, before, now());
    expect(after.conditions?.map((c) => c.lastTransitionTime)).toEqual(['2024-01-01T00:00:00Z', '2024-06-01T12:00:00Z', '2024-06-01T12:00:00Z']);
  });
});
