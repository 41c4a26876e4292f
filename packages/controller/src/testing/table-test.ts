import { ALL_RESOURCES, apiVersionOf, type KubeObject, type ResourceType } from '@knot/api';
import { MemoryStore, noopLogger, ReconcilerBase, RequeueAfterError, SharedInformerFactory, type StoreDump } from '@knot/runtime';
import { compareActions, FakeClock, FakeRecorder, RecordingClient, type MakeReconciler, type RowResult, type TableOptions, type TableRow } from '@knot/runtime/testing';

export interface ControllerTableOptions<T extends KubeObject> extends TableOptions<T> {
  /** For reconcilers that must not write the status of the kind they reconcile (the labeler). */
  skipStatusUpdates?: boolean;
}

/**
 * @knot/runtime's table test, seeding the store with `MemoryStore.load` instead
 * of creates, so the row's objects keep the uid, generation and resourceVersion
 * they spell out (as Knative's fake clientsets do). Owner references, the
 * configurationUID label and "generation 2 stamps hello-00002" depend on them.
 */
export function runTableTest<T extends KubeObject>(rows: readonly TableRow[], makeReconciler: MakeReconciler<T>, opts: ControllerTableOptions<T>): void {
  test.each(rows.map((row) => ({ ...row })))('$name', async (row) => {
    const result = await runRow(row, makeReconciler, opts);
    if (result.differences.length > 0) throw new Error(`${row.name}:\n${result.differences.join('\n')}`);
  });
}

export async function runRow<T extends KubeObject>(row: TableRow, makeReconciler: MakeReconciler<T>, opts: ControllerTableOptions<T>): Promise<RowResult> {
  const clock = new FakeClock(opts.now);
  const logger = opts.logger ?? noopLogger;
  const store = new MemoryStore({ clock, requireNamespaces: false });
  store.load(dumpOf(row.objects ?? [], [opts.resource, ...(opts.resources ?? []), ...ALL_RESOURCES]));

  const client = new RecordingClient(store, row.induceFailures);
  const informers = new SharedInformerFactory({ client: store, clock, logger });
  const recorder = new FakeRecorder();
  const reconciler = makeReconciler({ client, informers, clock, recorder, logger, ctx: row.ctx ?? {} });
  const base = new ReconcilerBase({
    resource: opts.resource,
    client,
    lister: informers.listerFor(opts.resource),
    reconciler,
    recorder,
    clock,
    logger,
    finalizerName: opts.finalizerName,
    conditionSet: opts.conditionSet,
    skipStatusUpdates: opts.skipStatusUpdates,
  });

  informers.start();
  let error: unknown;
  let requeueAfter: number | undefined;
  try {
    if (!(await informers.waitForSync())) throw new Error('informers did not sync');
    await base.reconcile(row.key);
  } catch (err) {
    if (err instanceof RequeueAfterError) requeueAfter = err.requeueAfter;
    else error = err;
  } finally {
    await informers.stop();
  }

  const differences = [
    ...compareActions(
      { creates: row.wantCreates, updates: row.wantUpdates, statusUpdates: row.wantStatusUpdates, deletes: row.wantDeletes, patches: row.wantPatches, events: row.wantEvents },
      { actions: client.actions, events: recorder.events },
    ),
    ...compareError(row.wantErr, error),
  ];
  if (requeueAfter !== row.wantRequeueAfter) differences.push(`requeueAfter: - ${row.wantRequeueAfter ?? '(none)'} + ${requeueAfter ?? '(none)'}`);
  return { differences, actions: client.actions, events: recorder.events, error, requeueAfter };
}

/** The row's objects as a store dump; a missing uid becomes `<kind>-<name>`, a missing generation 1. */
function dumpOf(objects: readonly KubeObject[], kinds: readonly ResourceType[]): StoreDump {
  const byKind = new Map<ResourceType, KubeObject[]>();
  objects.forEach((obj, i) => {
    const rt = kinds.find((k) => apiVersionOf(k) === obj.apiVersion && k.kind === obj.kind);
    if (!rt) throw new Error(`table test: no resource type for ${obj.apiVersion} ${obj.kind}; pass it in options.resources`);
    const m = obj.metadata ?? {};
    if (m.deletionTimestamp && !m.finalizers?.length) throw new Error(`table test: ${m.name} has a deletionTimestamp but no finalizers, which no API server keeps`);
    const item: KubeObject = {
      ...structuredClone(obj),
      metadata: { ...structuredClone(m), uid: m.uid ?? `${rt.kind.toLowerCase()}-${m.name}`, generation: m.generation ?? 1, resourceVersion: String(i + 1) },
    };
    byKind.set(rt, [...(byKind.get(rt) ?? []), item]);
  });
  return {
    resourceVersion: String(objects.length),
    kinds: [...byKind].map(([rt, items]) => ({
      resource: { group: rt.group, version: rt.version, kind: rt.kind, plural: rt.plural, namespaced: rt.namespaced, hasStatus: rt.hasStatus },
      items,
    })),
  };
}

function compareError(want: boolean | string | undefined, got: unknown): string[] {
  const describe = (e: unknown) => (e instanceof Error ? `${codeOf(e) ?? e.name}: ${e.message}` : String(e));
  if (got === undefined) return want ? [`wanted ${want === true ? 'an error' : `error ${want}`}, got none`] : [];
  if (!want) return [`unexpected error ${describe(got)}`];
  if (typeof want === 'string' && codeOf(got) !== want) return [`wanted error ${want}, got ${describe(got)}`];
  return [];
}

function codeOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  return typeof err.code === 'string' ? err.code : undefined;
}
