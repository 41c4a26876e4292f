import type { KubeObject } from '@knot/api';
import { compareActions, diffJson, type WantActions } from './compare-actions.js';
import type { Action } from './recording-client.js';

const cm = (name: string, data: Record<string, string>, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'ns', name, ...extra }, data }) as KubeObject;

const created = (obj: KubeObject): Action => ({ verb: 'create', resource: 'configmaps', namespace: 'ns', name: obj.metadata?.name ?? '', object: obj });

describe('compareActions', () => {
  test.each<{ name: string; want: WantActions; actions: Action[]; events?: string[]; diffs: RegExp[] }>([
    { name: 'nothing wanted, nothing done', want: {}, actions: [], diffs: [] },
    {
      name: 'matching create, ignoring server-set metadata',
      want: { creates: [cm('a', { k: 'v' })] },
      actions: [created(cm('a', { k: 'v' }, { resourceVersion: '7', uid: 'u', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z' }))],
      diffs: [],
    },
    { name: 'a write nobody wanted', want: {}, actions: [created(cm('a', {}))], diffs: [/^unexpected create #1: configmaps ns\/a/] },
    { name: 'a wanted write that never happened', want: { creates: [cm('a', {})] }, actions: [], diffs: [/^missing create #1/] },
    {
      name: 'a field differs',
      want: { creates: [cm('a', { k: 'want' })] },
      actions: [created(cm('a', { k: 'got' }))],
      diffs: [/^create #1 differs[^]*data\.k: - "want" \+ "got"/],
    },
    {
      name: 'a status update where a plain update was wanted',
      want: { updates: [cm('a', {})] },
      actions: [{ ...created(cm('a', {})), verb: 'updateStatus' }],
      diffs: [/^missing update #1/, /^unexpected status update #1/],
    },
    {
      name: 'patch compared without its resourceVersion',
      want: { patches: [{ namespace: 'ns', name: 'a', patch: { type: 'merge', patch: { metadata: { finalizers: ['f'] } } } }] },
      actions: [{ verb: 'patch', resource: 'configmaps', namespace: 'ns', name: 'a', patch: { type: 'merge', patch: { metadata: { finalizers: ['f'], resourceVersion: '3' } } } }],
      diffs: [],
    },
    {
      name: 'patch with other finalizers',
      want: { patches: [{ namespace: 'ns', name: 'a', patch: { type: 'merge', patch: { metadata: { finalizers: ['f'] } } } }] },
      actions: [{ verb: 'patch', resource: 'configmaps', namespace: 'ns', name: 'a', patch: { type: 'merge', patch: { metadata: { finalizers: [] } } } }],
      diffs: [/patch #1 differs[^]*patch\.patch\.metadata\.finalizers: - \["f"\] \+ \[\]/],
    },
    {
      name: 'delete of another object',
      want: { deletes: [{ namespace: 'ns', name: 'a' }] },
      actions: [{ verb: 'delete', resource: 'configmaps', namespace: 'ns', name: 'b' }],
      diffs: [/delete #1 differs[^]*name: - "a" \+ "b"/],
    },
    {
      name: 'events in order',
      want: { events: ['Normal Created created "a"', 'Warning InternalError boom'] },
      actions: [],
      events: ['Warning InternalError boom', 'Normal Created created "a"'],
      diffs: [/^event #1 differs/, /^event #2 differs/],
    },
  ])('$name', ({ want, actions, events, diffs }) => {
    const got = compareActions(want, { actions, events: events ?? [] });
    expect(got).toHaveLength(diffs.length);
    diffs.forEach((re, i) => expect(got[i]).toMatch(re));
  });
});

describe('diffJson', () => {
  test.each([
    { name: 'undefined property equals absent', want: { a: 1, b: undefined }, got: { a: 1 }, lines: [] },
    { name: 'nested path', want: { a: { b: [1, { c: 2 }] } }, got: { a: { b: [1, { c: 3 }] } }, lines: ['a.b[1].c: - 2 + 3'] },
    { name: 'array length', want: [1], got: [1, 2], lines: ['(root): - [1] + [1,2]'] },
    { name: 'missing key', want: { a: 1 }, got: {}, lines: ['a: - 1 + (absent)'] },
  ])('$name', ({ want, got, lines }) => {
    expect(diffJson(want, got)).toEqual(lines);
  });
});
