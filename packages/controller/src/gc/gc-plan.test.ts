import { GC_DISABLED, type ConfigGC, type Revision } from '@knot/api';
import { planRevisionGC } from './gc-plan.js';
import { configuration, gcConfig, HOUR, NOW, revision } from './testing/gc-fixtures.js';

// Knative's defaults: kept 48h after creation and 15h after it stopped taking traffic.
const old = (name: string, active = 20) => revision(name, { created: 100, active });

interface Row {
  name: string;
  config?: Partial<ConfigGC>;
  latest?: { ready?: string; created?: string };
  revisions: Revision[];
  referenced?: string[];
  want: string[];
}

const rows: Row[] = [
  {
    name: 'a revision past both windows is collected',
    revisions: [old('r1'), old('r2'), old('r3', 1)],
    want: ['r1', 'r2'],
  },
  {
    name: 'the latest ready revision is kept, however old and even in reserve',
    latest: { ready: 'r1' },
    revisions: [old('r1'), old('r2'), old('r3', 1)],
    want: ['r2'],
  },
  {
    name: 'the latest created revision is kept',
    latest: { created: 'r2' },
    revisions: [old('r1'), old('r2'), old('r3', 1)],
    want: ['r1'],
  },
  {
    name: 'a revision a route sends traffic to is kept',
    referenced: ['r1'],
    revisions: [old('r1'), old('r2'), old('r3', 1)],
    want: ['r2'],
  },
  {
    name: 'active, pending and unlabelled revisions are kept; only reserve ones are collected',
    revisions: [
      revision('r1', { created: 100, active: 20, state: 'active' }),
      revision('r2', { created: 100, active: 20, state: 'pending' }),
      revision('r3', { created: 100, active: 20, state: null }),
      old('r4'),
      old('r5', 1),
    ],
    want: ['r4'],
  },
  {
    name: 'serving.knative.dev/no-gc "true", in any case, keeps a revision; "false" does not',
    revisions: [revision('r1', { created: 100, active: 20, noGC: 'True' }), revision('r2', { created: 100, active: 20, noGC: 'false' }), old('r3', 1)],
    want: ['r2'],
  },
  {
    name: 'a revision younger than retain-since-create-time is kept, however long idle',
    revisions: [revision('r1', { created: 47, active: 40 }), old('r2', 30), old('r3', 1)],
    want: ['r2'],
  },
  {
    name: 'a revision active within retain-since-last-active-time is kept, however old',
    revisions: [old('r1', 14), old('r2', 16), old('r3', 1)],
    want: ['r2'],
  },
  {
    name: 'without a routingStateModified stamp, the creation time counts as last active',
    revisions: [revision('r1', { created: 100 }), old('r2', 1)],
    want: ['r1'],
  },
  {
    name: 'retain-since-create-time disabled: only the last-active window decides',
    config: { retainSinceCreateTimeMs: GC_DISABLED },
    revisions: [revision('r1', { created: 20, active: 16 }), old('r2', 1)],
    want: ['r1'],
  },
  {
    name: 'retain-since-last-active-time disabled: only the creation window decides',
    config: { retainSinceLastActiveTimeMs: GC_DISABLED },
    revisions: [revision('r1', { created: 49, active: 1 }), revision('r2', { created: 47, active: 2 })],
    want: ['r1'],
  },
  {
    name: 'min-non-active-revisions keeps the most recently active of the stale ones',
    config: { minNonActiveRevisions: 2 },
    revisions: [old('r1', 30), old('r2', 20), old('r3', 40), old('r4', 25)],
    want: ['r3', 'r1'],
  },
  {
    name: 'no more revisions than min-non-active-revisions: nothing is collected',
    config: { minNonActiveRevisions: 3 },
    latest: { ready: 'r3' },
    revisions: [old('r1'), old('r2'), old('r3')],
    want: [],
  },
  {
    name: 'max-non-active-revisions collects the least recently active, even inside the windows',
    config: { minNonActiveRevisions: 0, maxNonActiveRevisions: 2 },
    revisions: [revision('r1', { created: 3, active: 3 }), revision('r2', { created: 2, active: 1 }), revision('r3', { created: 3, active: 2 }), revision('r4', { created: 5, active: 5 })],
    want: ['r4', 'r1'],
  },
  {
    name: 'max-non-active-revisions counts what is left after the stale ones went',
    config: { minNonActiveRevisions: 0, maxNonActiveRevisions: 2 },
    revisions: [old('r1', 30), revision('r2', { created: 3, active: 3 }), revision('r3', { created: 2, active: 2 }), revision('r4', { created: 1, active: 1 })],
    want: ['r1', 'r2'],
  },
  {
    name: 'max-non-active-revisions never counts active revisions',
    config: { minNonActiveRevisions: 0, maxNonActiveRevisions: 1 },
    latest: { ready: 'r3', created: 'r3' },
    revisions: [revision('r1', { created: 2, active: 2, state: 'active' }), revision('r2', { created: 1, active: 1 }), revision('r3', { created: 1, state: 'active' })],
    want: [],
  },
  {
    name: 'the time windows disabled and max disabled: nothing is ever collected',
    config: { retainSinceCreateTimeMs: GC_DISABLED, retainSinceLastActiveTimeMs: GC_DISABLED, maxNonActiveRevisions: GC_DISABLED, minNonActiveRevisions: 0 },
    revisions: [old('r1', 1000), old('r2', 1000)],
    want: [],
  },
  {
    name: 'the time windows disabled: only max-non-active-revisions collects',
    config: { retainSinceCreateTimeMs: GC_DISABLED, retainSinceLastActiveTimeMs: GC_DISABLED, maxNonActiveRevisions: 1, minNonActiveRevisions: 0 },
    revisions: [old('r1', 1000), old('r2', 999), old('r3', 1)],
    want: ['r1', 'r2'],
  },
];

describe('planRevisionGC', () => {
  test.each(rows)('$name', ({ config, latest, revisions, referenced, want }) => {
    const plan = planRevisionGC({ config: gcConfig(config), configuration: configuration(latest), revisions, referenced: new Set(referenced), now: NOW });
    expect(plan.delete.map((r) => r.metadata?.name)).toEqual(want);
  });

  test.each([
    {
      name: 'when the first kept revision passes both windows',
      // r2 ages out of the creation window in 8h, r3 out of the activity window in 5h.
      revisions: [old('r1'), revision('r2', { created: 40, active: 30 }), old('r3', 10)],
      want: NOW + 5 * HOUR,
    },
    {
      name: 'none while only min-non-active-revisions remain',
      revisions: [old('r1'), revision('r2', { created: 40, active: 30 })],
      want: undefined,
    },
  ])('recheckAt: $name', ({ revisions, want }) => {
    const plan = planRevisionGC({ config: gcConfig(), configuration: configuration(), revisions, referenced: new Set(), now: NOW });
    expect(plan.recheckAt).toBe(want);
  });
});
