import type { Configuration, Revision, Route, TrafficTarget } from '@knot/api';
import { buildTrafficConfiguration, revisionProtocol, type TrafficLookup } from './build-traffic.js';
import { buildRollout } from './rollout.js';
import { revisionTrafficTargets } from './traffic-status.js';

type Ready = 'True' | 'False' | 'Unknown';
const rev = (name: string, opts: { config?: string; ready?: Ready; service?: string; h2c?: boolean; stale?: boolean } = {}): Revision => ({
  metadata: {
    name,
    namespace: 'ns',
    generation: opts.stale ? 2 : 1,
    labels: { ...(opts.config !== undefined ? { 'serving.knative.dev/configuration': opts.config } : {}), ...(opts.service ? { 'serving.knative.dev/service': opts.service } : {}) },
  },
  spec: { containers: [{ name: 'user-container', image: 'img', ...(opts.h2c ? { ports: [{ name: 'h2c', containerPort: 8080 }] } : {}) }] },
  status: { observedGeneration: 1, conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }] },
});
const cfg = (name: string, latestReady?: string, ready: Ready = 'True'): Configuration => ({
  metadata: { name, namespace: 'ns' },
  spec: { template: { spec: { containers: [] } } },
  status: { ...(latestReady ? { latestReadyRevisionName: latestReady } : {}), conditions: [{ type: 'Ready', status: ready }] },
});
const route = (traffic: TrafficTarget[], labels: Record<string, string> = {}): Route => ({ metadata: { name: 'r', namespace: 'ns', labels }, spec: { traffic } });
const lookup = (configs: Configuration[], revs: Revision[]): TrafficLookup => ({
  configuration: (n) => configs.find((c) => c.metadata?.name === n),
  revision: (n) => revs.find((r) => r.metadata?.name === n),
});

const world = lookup(
  [cfg('c', 'c-2'), cfg('d', 'd-1'), cfg('waiting'), cfg('broken', undefined, 'False'), cfg('unready-rev', 'u-1')],
  [rev('c-1', { config: 'c' }), rev('c-2', { config: 'c' }), rev('d-1', { config: 'd', h2c: true }), rev('u-1', { config: 'unready-rev', ready: 'Unknown' }), rev('f-1', { config: 'c', ready: 'False' }), rev('stale', { config: 'c', stale: true }), rev('orphan', { config: 'gone' }), rev('other-svc', { config: 'c', service: 'other' })],
);

describe('buildTrafficConfiguration', () => {
  test.each<{ name: string; traffic: TrafficTarget[]; labels?: Record<string, string>; groups?: Record<string, [string, number][]>; status?: TrafficTarget[]; error?: string }>([
    {
      name: 'a configuration target follows its latest ready revision',
      traffic: [{ configurationName: 'c', percent: 100 }],
      groups: { '': [['c-2', 100]] },
      status: [{ revisionName: 'c-2', latestRevision: true, percent: 100 }],
    },
    {
      name: 'a 90/10 split between a pinned revision and the latest',
      traffic: [
        { revisionName: 'c-1', percent: 90 },
        { configurationName: 'c', percent: 10 },
      ],
      groups: { '': [['c-1', 90], ['c-2', 10]] },
      status: [
        { revisionName: 'c-1', latestRevision: false, percent: 90 },
        { revisionName: 'c-2', latestRevision: true, percent: 10 },
      ],
    },
    {
      name: 'a tag gets its own group at 100% and a URL in status',
      traffic: [
        { configurationName: 'c', percent: 100 },
        { revisionName: 'c-1', percent: 0, tag: 'old' },
      ],
      groups: { '': [['c-2', 100], ['c-1', 0]], old: [['c-1', 100]] },
      status: [
        { revisionName: 'c-2', latestRevision: true, percent: 100 },
        { tag: 'old', revisionName: 'c-1', latestRevision: false, percent: 0, url: 'http://old.example' },
      ],
    },
    {
      name: 'duplicate revision targets merge in the default group and in status',
      traffic: [
        { revisionName: 'c-2', percent: 30 },
        { revisionName: 'c-2', percent: 20 },
        { configurationName: 'c', percent: 50 },
      ],
      groups: { '': [['c-2', 100]] },
      status: [
        { revisionName: 'c-2', latestRevision: false, percent: 50 },
        { revisionName: 'c-2', latestRevision: true, percent: 50 },
      ],
    },
    {
      name: 'a tagged and an untagged target on one revision',
      traffic: [
        { revisionName: 'c-1', percent: 50, tag: 'a' },
        { revisionName: 'c-1', percent: 50 },
      ],
      groups: { '': [['c-1', 100]], a: [['c-1', 100]] },
      status: [
        { tag: 'a', revisionName: 'c-1', latestRevision: false, percent: 50, url: 'http://a.example' },
        { revisionName: 'c-1', latestRevision: false, percent: 50 },
      ],
    },
    {
      name: 'explicit latestRevision false on a revision target is kept',
      traffic: [{ revisionName: 'c-1', latestRevision: false, percent: 100 }],
      groups: { '': [['c-1', 100]] },
      status: [{ revisionName: 'c-1', latestRevision: false, percent: 100 }],
    },
    { name: 'a missing configuration', traffic: [{ configurationName: 'nope', percent: 100 }], error: 'ConfigurationMissing' },
    { name: 'a missing revision', traffic: [{ revisionName: 'nope', percent: 100 }], error: 'RevisionMissing' },
    { name: 'a configuration without a ready revision yet', traffic: [{ configurationName: 'waiting', percent: 100 }], error: 'ConfigurationNotReady' },
    { name: 'a configuration that failed', traffic: [{ configurationName: 'broken', percent: 100 }], error: 'ConfigurationFailed' },
    { name: 'a latest ready revision that is not ready any more', traffic: [{ configurationName: 'unready-rev', percent: 100 }], error: 'RevisionNotReady' },
    { name: 'a pinned revision that failed', traffic: [{ revisionName: 'f-1', percent: 100 }], error: 'RevisionFailed' },
    { name: 'a revision that has not observed its generation', traffic: [{ revisionName: 'stale', percent: 100 }], error: 'RevisionNotReady' },
    { name: 'a revision whose configuration is gone', traffic: [{ revisionName: 'orphan', percent: 100 }], error: 'ConfigurationMissing' },
    {
      name: 'a failure outranks an earlier wait',
      traffic: [
        { configurationName: 'waiting', percent: 50 },
        { revisionName: 'nope', percent: 50 },
      ],
      error: 'RevisionMissing',
    },
    {
      name: 'the first wait is reported when nothing failed',
      traffic: [
        { configurationName: 'waiting', percent: 50 },
        { configurationName: 'unready-rev', percent: 50 },
      ],
      error: 'ConfigurationNotReady',
    },
    {
      name: "a Service's route may not use another Service's revision",
      traffic: [{ revisionName: 'other-svc', percent: 100 }],
      labels: { 'serving.knative.dev/service': 'mine' },
      error: 'RevisionNotOwned',
    },
    {
      name: 'a standalone route may use any revision',
      traffic: [{ revisionName: 'other-svc', percent: 100 }],
      groups: { '': [['other-svc', 100]] },
      status: [{ revisionName: 'other-svc', latestRevision: false, percent: 100 }],
    },
    { name: 'no traffic at all', traffic: [], groups: {}, status: [] },
  ])('$name', ({ traffic, labels, groups, status, error }) => {
    const { config, error: got } = buildTrafficConfiguration(route(traffic, labels), world);
    expect(got?.code).toBe(error);
    if (error) {
      expect(config.targets.size).toBe(0);
      expect(config.revisionTargets).toEqual([]);
      return;
    }
    const byGroup = Object.fromEntries([...config.targets].map(([k, ts]) => [k, ts.map((t) => [t.revisionName, t.percent])]));
    expect(byGroup).toEqual(groups);
    expect(revisionTrafficTargets(config, buildRollout(config), (tag) => `http://${tag}.example`)).toEqual(status);
  });

  test('records every missing target, even after the first error', () => {
    const { config } = buildTrafficConfiguration(
      route([
        { configurationName: 'nope', percent: 50 },
        { revisionName: 'gone', percent: 50 },
        { configurationName: 'c', percent: 0, tag: 't' },
      ]),
      world,
    );
    expect(config.missingTargets).toEqual([
      { kind: 'Configuration', name: 'nope' },
      { kind: 'Revision', name: 'gone' },
    ]);
    expect([...config.configurations.keys()]).toEqual(['c']);
    expect([...config.revisions.keys()]).toEqual(['c-2']);
  });

  test.each([
    { name: 'no ports', r: rev('x'), want: 'http1' },
    { name: 'an h2c port', r: rev('x', { h2c: true }), want: 'h2c' },
  ])('protocol: $name', ({ r, want }) => {
    expect(revisionProtocol(r)).toBe(want);
  });
});
