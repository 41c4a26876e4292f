import {
  groomTransitionTimes,
  markObserved,
  preProcessStatus,
  resourceKey,
  type ConditionSet,
  type KubeObject,
  type ResourceType,
  type Status,
} from '@knot/api';
import type { Client } from '../client.js';
import { systemClock, type Clock } from '../clock.js';
import { isConflict, isNotFound } from '../errors.js';
import type { Lister } from '../informer/lister.js';
import { splitKey } from '../informer/key.js';
import { noopLogger, type Logger } from '../logger.js';
import { eventOf, isSuccess, requeueAfter, RequeueAfterError, SkipError, type ReconcileResult } from './errors.js';
import type { EventRecorder } from './event-recorder.js';
import { jsonEqual } from '../json-equal.js';
import type { KindReconciler, ReconcileContext } from './kind-reconciler.js';

export interface ReconcilerBaseOptions<T extends KubeObject> {
  resource: ResourceType<T>;
  client: Client;
  lister: Lister<T>;
  reconciler: KindReconciler<T>;
  recorder: EventRecorder;
  clock?: Clock;
  logger?: Logger;
  /** Defaults to `<plural>.<group>`, e.g. `services.serving.knative.dev`. */
  finalizerName?: string;
  /** When given, conditions are initialized and the happy one reset on a new generation before reconcileKind, and transition times groomed after. */
  conditionSet?: ConditionSet;
  /** For reconcilers that do not own the status they read. */
  skipStatusUpdates?: boolean;
}

/** Status writes are retried this many times on Conflict, as client-go's `retry.DefaultRetry`. */
const STATUS_ATTEMPTS = 5;

type WithStatus = KubeObject & { status?: Status & Record<string, unknown> };

/**
 * The part of every reconciler knative generates: reads the object from the
 * cache, manages the finalizer, calls the author's reconcileKind/finalizeKind,
 * and writes status only when it changed, retrying conflicts on a fresh read.
 * `reconcile` throws what `handleErr` needs to decide about the key.
 */
export class ReconcilerBase<T extends KubeObject> {
  readonly resource: ResourceType<T>;
  readonly finalizerName: string;
  readonly #o: ReconcilerBaseOptions<T>;
  readonly #clock: Clock;
  readonly #log: Logger;

  constructor(opts: ReconcilerBaseOptions<T>) {
    this.resource = opts.resource;
    this.finalizerName = opts.finalizerName ?? resourceKey(opts.resource);
    this.#o = opts;
    this.#clock = opts.clock ?? systemClock;
    this.#log = opts.logger ?? noopLogger;
  }

  async reconcile(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const logger = this.#log.child({ 'knative.dev/key': key });
    const original = this.#o.lister.get(namespace, name);
    if (!original) {
      logger.debug({}, 'resource no longer exists');
      return;
    }
    const ctx: ReconcileContext = { key, logger, recorder: this.#o.recorder, clock: this.#clock };
    const deleting = Boolean(original.metadata?.deletionTimestamp);
    const finalizes = this.#o.reconciler.finalizeKind !== undefined;
    let latest = original;
    let resource = structuredClone(original);
    let outcome: unknown;

    if (!deleting) {
      if (finalizes) {
        latest = await this.#setFinalizers(resource, true);
        resource = structuredClone(latest);
      }
      const status = this.resource.hasStatus ? ((resource as WithStatus).status ??= {}) : undefined;
      if (status && this.#o.conditionSet) preProcessStatus(this.#o.conditionSet, status, resource.metadata?.generation, { now: () => this.#clock.now() });
      outcome = await settle(() => this.#o.reconciler.reconcileKind(resource, ctx));
      const after = statusOf(resource);
      if (after) {
        markObserved(after, resource.metadata?.generation);
        if (this.#o.conditionSet) groomTransitionTimes(after, statusOf(original), this.#clock.now());
      }
    } else if (finalizes && original.metadata?.finalizers?.includes(this.finalizerName)) {
      outcome = await settle(() => this.#o.reconciler.finalizeKind?.(resource, ctx) ?? Promise.resolve());
      if (isSuccess(outcome)) {
        latest = await this.#setFinalizers(resource, false);
        resource = { ...structuredClone(latest), status: statusOf(resource) };
      }
    }

    if (!this.#o.skipStatusUpdates && this.resource.hasStatus && !jsonEqual(statusOf(original) ?? {}, statusOf(resource) ?? {})) {
      try {
        await this.#updateStatus(latest, resource);
      } catch (err) {
        if (!(deleting && isNotFound(err))) {
          logger.warn({ err }, 'failed to update resource status');
          if (!isConflict(err)) this.#o.recorder.event(resource, 'Warning', 'UpdateFailed', `Failed to update status for "${name}": ${messageOf(err)}`);
          throw err;
        }
      }
    }
    this.#report(resource, outcome, logger);
  }

  /** Records the outcome as an event where knative would, and throws unless it was a success. */
  #report(resource: T, outcome: unknown, logger: Logger): void {
    const event = eventOf(outcome);
    if (event) {
      logger.info({ event: event.reason }, 'returned an event');
      this.#o.recorder.event(resource, event.type, event.reason, event.message);
    } else if (outcome !== undefined && !(outcome instanceof SkipError) && !(outcome instanceof RequeueAfterError) && !isConflict(outcome)) {
      logger.error({ err: outcome }, 'returned an error');
      this.#o.recorder.event(resource, 'Warning', 'InternalError', messageOf(outcome));
    }
    if (!isSuccess(outcome)) throw outcome;
  }

  /** Adds or removes our finalizer with a merge patch carrying the resourceVersion, so a stale cache gets a Conflict. */
  async #setFinalizers(resource: T, present: boolean): Promise<T> {
    const finalizers = resource.metadata?.finalizers ?? [];
    if (finalizers.includes(this.finalizerName) === present) return resource;
    const desired = present ? [...finalizers, this.finalizerName] : finalizers.filter((f) => f !== this.finalizerName);
    const name = resource.metadata?.name ?? '';
    try {
      const updated = await this.#o.client.patch(this.resource, resource.metadata?.namespace, name, {
        type: 'merge',
        patch: { metadata: { finalizers: desired, resourceVersion: resource.metadata?.resourceVersion } },
      });
      this.#o.recorder.event(updated, 'Normal', 'FinalizerUpdate', `Updated "${name}" finalizers`);
      return updated;
    } catch (err) {
      if (!present && isNotFound(err)) return resource;
      if (!isConflict(err)) this.#o.recorder.event(resource, 'Warning', 'FinalizerUpdateFailed', `Failed to update finalizers for "${name}": ${messageOf(err)}`);
      throw err;
    }
  }

  /** Writes `desired`'s status onto `existing`; on Conflict reads the latest object and tries again (knative's RetryUpdateConflicts). */
  async #updateStatus(existing: T, desired: T): Promise<void> {
    let current = existing;
    for (let attempt = 1; ; attempt++) {
      if (jsonEqual(statusOf(current) ?? {}, statusOf(desired) ?? {})) return;
      try {
        await this.#o.client.updateStatus(this.resource, { ...structuredClone(current), status: structuredClone(statusOf(desired)) });
        return;
      } catch (err) {
        if (!isConflict(err) || attempt >= STATUS_ATTEMPTS) throw err;
      }
      current = await this.#o.client.get(this.resource, desired.metadata?.namespace, desired.metadata?.name ?? '');
    }
  }

}

/** Runs a reconcile step and returns what it threw, a requeue request, or undefined. */
async function settle(step: () => Promise<void | ReconcileResult>): Promise<unknown> {
  try {
    const result = await step();
    if (result && typeof result.requeueAfter === 'number' && !(result instanceof RequeueAfterError)) return requeueAfter(result.requeueAfter);
    return result instanceof RequeueAfterError ? result : undefined;
  } catch (err) {
    return err;
  }
}

function statusOf(obj: KubeObject): WithStatus['status'] {
  return (obj as WithStatus).status;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
