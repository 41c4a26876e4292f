import type { TrafficTarget } from '@knot/api';
import { UsageError } from '../errors.js';
import { editTraffic, type TrafficEdits } from './traffic-flags.js';

const none: TrafficEdits = { tags: [], untags: [], traffic: [] };
const latest100: TrafficTarget[] = [{ latestRevision: true, percent: 100 }];

test.each<{ name: string; current?: TrafficTarget[]; edits: Partial<TrafficEdits>; want: TrafficTarget[] }>([
  {
    name: 'split between a revision and @latest',
    edits: { traffic: ['hello-00001=90', '@latest=10'] },
    want: [{ latestRevision: true, percent: 10 }, { revisionName: 'hello-00001', latestRevision: false, percent: 90 }],
  },
  {
    name: 'tag @latest keeps its traffic',
    edits: { tags: ['@latest=current'] },
    want: [{ latestRevision: true, percent: 100, tag: 'current' }],
  },
  {
    name: 'tag a revision not taking traffic adds a 0% target',
    edits: { tags: ['hello-00001=stable'] },
    want: [{ latestRevision: true, percent: 100 }, { revisionName: 'hello-00001', latestRevision: false, percent: 0, tag: 'stable' }],
  },
  {
    name: 'traffic by tag',
    current: [{ latestRevision: true, percent: 100 }, { revisionName: 'hello-00001', latestRevision: false, percent: 0, tag: 'stable' }],
    edits: { traffic: ['stable=75', '@latest=25'] },
    want: [{ latestRevision: true, percent: 25 }, { revisionName: 'hello-00001', latestRevision: false, percent: 75, tag: 'stable' }],
  },
  {
    name: 'untag drops a target that no longer takes traffic',
    current: [{ latestRevision: true, percent: 100 }, { revisionName: 'hello-00001', latestRevision: false, percent: 0, tag: 'stable' }],
    edits: { untags: ['stable'] },
    want: latest100,
  },
  {
    name: 'all traffic to a revision drops @latest',
    edits: { traffic: ['hello-00002=100'] },
    want: [{ revisionName: 'hello-00002', latestRevision: false, percent: 100 }],
  },
  { name: 'percent signs are accepted', edits: { traffic: ['@latest=100%'] }, want: latest100 },
])('$name', ({ current, edits, want }) => {
  expect(editTraffic(current, { ...none, ...edits })).toEqual(want);
});

test.each<{ name: string; edits: Partial<TrafficEdits>; message: RegExp }>([
  { name: 'a sum under 100', edits: { traffic: ['@latest=40'] }, message: /add up to 40, not 100/ },
  { name: 'not NAME=N', edits: { traffic: ['hello'] }, message: /--traffic: "hello" is not REVISION=PERCENT/ },
  { name: 'a percent over 100', edits: { traffic: ['@latest=101'] }, message: /--traffic @latest: 101 is out of range/ },
  { name: 'a tag used twice', edits: { tags: ['@latest=a', 'hello-00001=a'] }, message: /--tag: tag "a" is already used/ },
  { name: 'untag of an unknown tag', edits: { untags: ['nope'] }, message: /--untag: no traffic target is tagged "nope"/ },
])('$name is a usage error', ({ edits, message }) => {
  expect(() => editTraffic(latest100, { ...none, ...edits })).toThrow(UsageError);
  expect(() => editTraffic(latest100, { ...none, ...edits })).toThrow(message);
});
