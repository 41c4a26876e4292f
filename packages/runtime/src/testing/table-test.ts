import { ALL_RESOURCES, type ConditionSet, type KubeObject, type ResourceType } from '@knot/api';
import type { Client } from '../client.js';
import { SharedInformerFactory } from '../informer/shared-informer-factory.js';
import { noopLogger, type Logger } from '../logger.js';
import { MemoryStore } from '../memory/index.js';
import { RequeueAfterError } from '../reconciler/errors.js';
import type { EventRecorder } from '../reconciler/event-recorder.js';
import type { KindReconciler } from '../reconciler/kind-reconciler.js';
import { ReconcilerBase } from '../reconciler/reconciler-base.js';
import { compareActions, type WantDelete, type WantPatch } from './compare-actions.js';
import { FakeClock } from './fake-clock.js';
import { FakeRecorder } from './fake-recorder.js';
import { RecordingClient, type Action, type InducedFailure } from './recording-client.js';
import { seedDump } from './seed-dump.js';

/** One reconcile of `key` against `objects` and what it should have done (knative's `TableRow`). */
export interface TableRow {
  name: string;
  key: string;
  /**
   * The world before, stored as written (uid, generation, timestamps kept; see `seedDump`).
   * An object with a deletionTimestamp must carry finalizers, as on a real API server.
   */
  objects?: readonly KubeObject[];
  wantCreates?: readonly KubeObject[];
  wantUpdates?: readonly KubeObject[];
  wantStatusUpdates?: readonly KubeObject[];
  wantDeletes?: readonly WantDelete[];
  wantPatches?: readonly WantPatch[];
  /** `Type Reason message`, e.g. `Normal Created Created ConfigMap "hello"`. */
  wantEvents?: readonly string[];
  /** true for any error, or the error's `code` (`Conflict`, `Permanent`...). */
  wantErr?: boolean | string;
  wantRequeueAfter?: number;
  /** Writes that fail, matched by verb and `plural.group`. */
  induceFailures?: readonly InducedFailure[];
  /** Extra inputs handed to `makeReconciler`, e.g. a config snapshot. */
  ctx?: Readonly<Record<string, unknown>>;
}

/** What `makeReconciler` gets to build the reconciler under test. */
export interface TableEnv {
  /** The recording client: writes through it are what the row is checked against. */
  client: Client;
  /** Informers over the seeded store, synced before the reconcile. */
  informers: SharedInformerFactory;
  clock: FakeClock;
  recorder: EventRecorder;
  logger: Logger;
  ctx: Readonly<Record<string, unknown>>;
}

export interface TableOptions<T extends KubeObject> {
  /** The kind the reconciler owns. */
  resource: ResourceType<T>;
  finalizerName?: string;
  conditionSet?: ConditionSet;
  /** Kinds of seeded objects beyond @knot/api's registry. */
  resources?: readonly ResourceType[];
  /** The fake clock's start time (ms since the epoch). */
  now?: number;
  logger?: Logger;
  /** For reconcilers that must not write the status of the kind they reconcile (e.g. a labeler). */
  skipStatusUpdates?: boolean;
}

export interface RowResult {
  /** One line per mismatch; empty when the row passed. */
  differences: string[];
  actions: Action[];
  events: string[];
  error: unknown;
  requeueAfter: number | undefined;
}

export type MakeReconciler<T extends KubeObject> = (env: TableEnv) => KindReconciler<T>;

/** Registers one jest test per row. */
export function runTableTest<T extends KubeObject>(rows: readonly TableRow[], makeReconciler: MakeReconciler<T>, opts: TableOptions<T>): void {
  test.each(rows.map((row) => ({ ...row })))('$name', async (row) => {
    const result = await runRow(row, makeReconciler, opts);
    if (result.differences.length > 0) throw new Error(`${row.name}:\n${result.differences.join('\n')}`);
  });
}

/**
 * Seeds a store with the row's objects, reconciles the row's key once through
 * the reconciler base, and compares what was written with what the row wants.
 */
export async function runRow<T extends KubeObject>(row: TableRow, makeReconciler: MakeReconciler<T>, opts: TableOptions<T>): Promise<RowResult> {
  const clock = new FakeClock(opts.now);
  const logger = opts.logger ?? noopLogger;
  const store = new MemoryStore({ clock, requireNamespaces: false });
  store.load(seedDump(row.objects ?? [], [opts.resource, ...(opts.resources ?? []), ...ALL_RESOURCES], clock.now()));

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
