import type { Draft } from './context.js';
import { setTrafficDefaults } from './traffic.js';

function run(traffic: unknown, inService: boolean): unknown {
  const spec: Draft = traffic === undefined ? {} : { traffic: structuredClone(traffic) };
  setTrafficDefaults(spec, inService);
  return spec.traffic;
}

describe('setTrafficDefaults', () => {
  test.each([
    { name: 'a Service with no traffic', traffic: undefined, inService: true, want: [{ latestRevision: true, percent: 100 }] },
    { name: 'a Service with empty traffic', traffic: [], inService: true, want: [{ latestRevision: true, percent: 100 }] },
    { name: 'a Route with no traffic', traffic: undefined, inService: false, want: undefined },
    { name: 'a Route with empty traffic', traffic: [], inService: false, want: [] },
    { name: 'configuration target follows the latest', traffic: [{ configurationName: 'c', percent: 100 }], inService: false, want: [{ configurationName: 'c', percent: 100, latestRevision: true }] },
    { name: 'revision target is pinned', traffic: [{ revisionName: 'r-1', percent: 100 }], inService: false, want: [{ revisionName: 'r-1', percent: 100, latestRevision: false }] },
    { name: 'missing percent becomes 0', traffic: [{ revisionName: 'r-1', tag: 'old' }], inService: true, want: [{ revisionName: 'r-1', tag: 'old', latestRevision: false, percent: 0 }] },
    { name: 'given latestRevision stays', traffic: [{ revisionName: 'r-1', latestRevision: true, percent: 100 }], inService: true, want: [{ revisionName: 'r-1', latestRevision: true, percent: 100 }] },
    { name: 'non-objects are left alone', traffic: [5, null], inService: false, want: [5, null] },
  ])('$name', ({ traffic, inService, want }) => {
    expect(run(traffic, inService)).toEqual(want);
  });
});
