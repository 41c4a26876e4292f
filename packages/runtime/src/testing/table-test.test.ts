import { core, defineResource, newLivingConditionSet, type KubeObject, type Status } from '@knot/api';
import { ApiError, isNotFound } from '../errors.js';
import type { KindReconciler } from '../reconciler/kind-reconciler.js';
import { runRow, runTableTest, type TableEnv, type TableRow } from './table-test.js';

// An example reconciler: a ConfigMapMirror copies a ConfigMap of its namespace
// into another namespace. Owner references cannot cross namespaces, so it
// deletes the copy itself, from finalizeKind.

interface ConfigMapMirror extends KubeObject {
  spec: { source: string; targetNamespace: string };
  status?: Status;
}
type ConfigMap = NonNullable<(typeof core.configMaps)['__type']>;

const mirrors = defineResource<ConfigMapMirror>({ group: 'test.knot.dev', version: 'v1', kind: 'ConfigMapMirror', plural: 'configmapmirrors', namespaced: true, hasStatus: true });
const conditions = newLivingConditionSet('Mirrored');

function makeMirrorReconciler({ client, informers }: TableEnv): KindReconciler<ConfigMapMirror> {
  const configMaps = informers.listerFor(core.configMaps);
  const copyOf = (m: ConfigMapMirror) => ({ namespace: m.spec.targetNamespace, name: `${m.metadata?.namespace}-${m.metadata?.name}` });
  return {
    async reconcileKind(m, { recorder, clock }) {
      const status = conditions.manage((m.status ??= {}), { now: () => clock.now() });
      const source = configMaps.get(m.metadata?.namespace, m.spec.source);
      if (!source) {
        status.markFalse('Mirrored', 'SourceNotFound', `ConfigMap "${m.spec.source}" not found`);
        return;
      }
      const { namespace, name } = copyOf(m);
      const existing = configMaps.get(namespace, name);
      if (!existing) {
        await client.create(core.configMaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data: { ...source.data } });
        recorder.event(m, 'Normal', 'Created', `Created ConfigMap "${namespace}/${name}"`);
      } else if (JSON.stringify(existing.data ?? {}) !== JSON.stringify(source.data ?? {})) {
        await client.update(core.configMaps, { ...structuredClone(existing), data: { ...source.data } });
        recorder.event(m, 'Normal', 'Updated', `Updated ConfigMap "${namespace}/${name}"`);
      }
      status.markTrue('Mirrored');
    },
    async finalizeKind(m) {
      const { namespace, name } = copyOf(m);
      await client.delete(core.configMaps, namespace, name).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    },
  };
}

const T0 = '2024-01-01T00:00:00Z';
const FINALIZER = 'configmapmirrors.test.knot.dev';
const mirror = (extra: { finalizers?: string[]; deletionTimestamp?: string; status?: Status } = {}): ConfigMapMirror => ({
  apiVersion: 'test.knot.dev/v1',
  kind: 'ConfigMapMirror',
  metadata: { namespace: 'ns', name: 'm', ...(extra.finalizers ? { finalizers: extra.finalizers } : {}), ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp } : {}) },
  spec: { source: 'settings', targetNamespace: 'other' },
  ...(extra.status ? { status: extra.status } : {}),
});
const cm = (namespace: string, name: string, data: Record<string, string>): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name }, data });
const ready: Status = {
  observedGeneration: 1,
  conditions: [
    { type: 'Mirrored', status: 'True', lastTransitionTime: T0 },
    { type: 'Ready', status: 'True', lastTransitionTime: T0 },
  ],
};
const finalizerPatch = (finalizers: string[]) => ({ namespace: 'ns', name: 'm', patch: { type: 'merge' as const, patch: { metadata: { finalizers } } } });

const rows: TableRow[] = [
  {
    name: 'first reconcile: finalizer, copy, Ready',
    key: 'ns/m',
    objects: [mirror(), cm('ns', 'settings', { color: 'blue' })],
    wantPatches: [finalizerPatch([FINALIZER])],
    wantCreates: [cm('other', 'ns-m', { color: 'blue' })],
    wantStatusUpdates: [mirror({ finalizers: [FINALIZER], status: ready })],
    wantEvents: ['Normal FinalizerUpdate Updated "m" finalizers', 'Normal Created Created ConfigMap "other/ns-m"'],
  },
  {
    name: 'steady state writes nothing',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER], status: ready }), cm('ns', 'settings', { color: 'blue' }), cm('other', 'ns-m', { color: 'blue' })],
  },
  {
    name: 'a changed source updates the copy',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER], status: ready }), cm('ns', 'settings', { color: 'red' }), cm('other', 'ns-m', { color: 'blue' })],
    wantUpdates: [cm('other', 'ns-m', { color: 'red' })],
    wantEvents: ['Normal Updated Updated ConfigMap "other/ns-m"'],
  },
  {
    name: 'a missing source marks Mirrored False',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER], status: ready })],
    wantStatusUpdates: [
      mirror({
        finalizers: [FINALIZER],
        status: {
          observedGeneration: 1,
          conditions: [
            { type: 'Mirrored', status: 'False', reason: 'SourceNotFound', message: 'ConfigMap "settings" not found', lastTransitionTime: T0 },
            { type: 'Ready', status: 'False', reason: 'SourceNotFound', message: 'ConfigMap "settings" not found', lastTransitionTime: T0 },
          ],
        },
      }),
    ],
  },
  {
    name: 'deletion removes the copy, then the finalizer',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER], deletionTimestamp: T0, status: ready }), cm('other', 'ns-m', { color: 'blue' })],
    wantDeletes: [{ resource: 'configmaps', namespace: 'other', name: 'ns-m' }],
    wantPatches: [finalizerPatch([])],
    wantEvents: ['Normal FinalizerUpdate Updated "m" finalizers'],
  },
  {
    name: 'a failed create is an error and an event',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER], status: ready }), cm('ns', 'settings', { color: 'blue' })],
    induceFailures: [{ verb: 'create', resource: 'configmaps', error: new ApiError('InternalError', 'inducing failure for create configmaps') }],
    wantCreates: [cm('other', 'ns-m', { color: 'blue' })],
    wantEvents: ['Warning InternalError inducing failure for create configmaps'],
    wantErr: 'InternalError',
  },
  {
    name: 'a conflicting status write is retried on the latest version',
    key: 'ns/m',
    objects: [mirror({ finalizers: [FINALIZER] }), cm('ns', 'settings', { color: 'blue' }), cm('other', 'ns-m', { color: 'blue' })],
    induceFailures: [{ verb: 'updateStatus', resource: FINALIZER, error: new ApiError('Conflict', 'the object has been modified') }],
    wantStatusUpdates: [mirror({ finalizers: [FINALIZER], status: ready }), mirror({ finalizers: [FINALIZER], status: ready })],
  },
  {
    name: 'a key that no longer exists is forgotten',
    key: 'ns/gone',
  },
];

const options = { resource: mirrors, conditionSet: conditions };

describe('ConfigMapMirror reconciler', () => {
  runTableTest(rows, makeMirrorReconciler, options);
});

describe('the table-test harness', () => {
  const first = rows[0]!;

  test.each<{ name: string; row: TableRow; want: RegExp[] }>([
    {
      name: 'a wrong field in a wanted create',
      row: { ...first, wantCreates: [cm('other', 'ns-m', { color: 'green' })] },
      want: [/^create #1 differs[^]*data\.color: - "green" \+ "blue"/],
    },
    {
      name: 'writes the row did not want',
      row: { ...first, wantCreates: undefined, wantStatusUpdates: undefined },
      want: [/^unexpected create #1: configmaps other\/ns-m/, /^unexpected status update #1: configmapmirrors\.test\.knot\.dev ns\/m/],
    },
    {
      name: 'a missing event',
      row: { ...first, wantEvents: [...(first.wantEvents ?? []), 'Normal Extra never recorded'] },
      want: [/^missing event #3: "Normal Extra never recorded"/],
    },
    {
      name: 'an error that was not wanted',
      row: { ...rows[5]!, wantErr: undefined },
      want: [/^unexpected error InternalError: inducing failure/],
    },
    {
      name: 'a wanted error that did not happen',
      row: { ...first, wantErr: true },
      want: [/^wanted an error, got none/],
    },
    {
      name: 'an error with another code',
      row: { ...rows[5]!, wantErr: 'Conflict' },
      want: [/^wanted error Conflict, got InternalError/],
    },
  ])('reports $name', async ({ row, want }) => {
    const { differences } = await runRow(row, makeMirrorReconciler, options);
    expect(differences).toHaveLength(want.length);
    want.forEach((re, i) => expect(differences[i]).toMatch(re));
  });

  test.each<{ name: string; metadata: KubeObject['metadata']; want: Record<string, unknown> }>([
    {
      name: 'keeps the metadata a row declares',
      metadata: { uid: 'uid-7', generation: 3, creationTimestamp: '2023-05-06T07:08:09Z', resourceVersion: '42', deletionTimestamp: T0 },
      want: { uid: 'uid-7', generation: 3, creationTimestamp: '2023-05-06T07:08:09Z', resourceVersion: '42', deletionTimestamp: T0 },
    },
    {
      name: 'fills in the metadata a row leaves out',
      metadata: {},
      want: { uid: 'configmapmirror-m', generation: 1, creationTimestamp: '2024-03-01T00:00:00Z', resourceVersion: '1' },
    },
  ])('seeding $name', async ({ metadata, want }) => {
    const seen: KubeObject[] = [];
    const record = (m: ConfigMapMirror) => {
      seen.push(m);
      return Promise.resolve();
    };
    const spy = (): KindReconciler<ConfigMapMirror> => ({ reconcileKind: record, finalizeKind: record });
    const m = mirror({ finalizers: ['x'] });
    const row: TableRow = { name: 'seed', key: 'ns/m', objects: [{ ...m, metadata: { ...m.metadata, ...metadata } }] };
    await runRow(row, spy, { resource: mirrors, finalizerName: 'x', now: Date.parse('2024-03-01T00:00:00Z') });
    expect(seen[0]?.metadata).toMatchObject(want);
  });

  test('skipStatusUpdates leaves the status of the reconciled kind alone', async () => {
    const row: TableRow = { ...first, wantStatusUpdates: undefined };
    expect((await runRow(row, makeMirrorReconciler, options)).differences).toEqual([expect.stringMatching(/^unexpected status update #1/)]);
    expect((await runRow(row, makeMirrorReconciler, { ...options, skipStatusUpdates: true })).differences).toEqual([]);
  });

  test('refuses a deleting object without finalizers, which no API server would keep', async () => {
    const row: TableRow = { name: 'bad seed', key: 'ns/m', objects: [mirror({ deletionTimestamp: T0 })] };
    await expect(runRow(row, makeMirrorReconciler, options)).rejects.toThrow('no finalizers');
  });

  test('refuses an object of a kind it does not know', async () => {
    const row: TableRow = { name: 'bad kind', key: 'ns/m', objects: [{ apiVersion: 'x.dev/v1', kind: 'Unknown', metadata: { name: 'u' } }] };
    await expect(runRow(row, makeMirrorReconciler, options)).rejects.toThrow('no resource type for x.dev/v1 Unknown');
  });
});
