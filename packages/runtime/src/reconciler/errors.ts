import { isConflict } from '../errors.js';
import { noopLogger, type Logger } from '../logger.js';
import type { WorkQueue } from '../workqueue/work-queue.js';

/** What `reconcileKind` may return instead of throwing: ask to see the key again later. */
export interface ReconcileResult {
  /** Milliseconds until the key is reconciled again. */
  requeueAfter?: number;
}

/** An error that retrying cannot fix: the key is forgotten until something changes (knative's `NewPermanentError`). */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  readonly code = 'Permanent';

  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** Reconcile the key again after `requeueAfter` ms, without backoff and without an event (knative's `NewRequeueAfter`). */
export class RequeueAfterError extends Error implements ReconcileResult {
  override readonly name = 'RequeueAfterError';
  readonly code = 'RequeueAfter';
  readonly requeueAfter: number;

  constructor(ms: number) {
    super(`requeue after ${ms}ms`);
    this.requeueAfter = ms;
  }
}

/** Nothing to do for this key, and nothing to report (knative's `NewSkipKey`). */
export class SkipError extends Error {
  override readonly name = 'SkipError';
  readonly code = 'Skip';
}

export type EventType = 'Normal' | 'Warning';

/**
 * An outcome to report as a Kubernetes event with its own reason (knative's
 * `reconciler.NewEvent`). A Normal one counts as success; a Warning one is
 * retried like any error.
 */
export class ReconcilerEvent extends Error {
  override readonly name = 'ReconcilerEvent';
  readonly code = 'Event';
  readonly type: EventType;
  readonly reason: string;

  constructor(type: EventType, reason: string, message: string) {
    super(message);
    this.type = type;
    this.reason = reason;
  }
}

export const permanentError = (cause: unknown): PermanentError => new PermanentError(cause);
/** Usable both ways: `return requeueAfter(5000)` or `throw requeueAfter(5000)`. */
export const requeueAfter = (ms: number): RequeueAfterError => new RequeueAfterError(ms);
export const skip = (reason = 'nothing to do'): SkipError => new SkipError(reason);
export const reconcilerEvent = (type: EventType, reason: string, message: string): ReconcilerEvent => new ReconcilerEvent(type, reason, message);

/** The ReconcilerEvent in `err` or its causes, if any. */
export function eventOf(err: unknown): ReconcilerEvent | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof ReconcilerEvent) return e;
  }
  return undefined;
}

export const isPermanent = (err: unknown): boolean => err instanceof PermanentError;

/** True when the error ends the reconcile successfully. */
export function isSuccess(err: unknown): boolean {
  return err === undefined || err === null || (err instanceof ReconcilerEvent && err.type === 'Normal');
}

export type Decision = 'forget' | 'requeue-after' | 'retry';

/**
 * Decides what happens to a key after a reconcile (knative's `controller.handleErr`):
 * success, skip and permanent errors forget it; requeue-after re-adds it after
 * its delay; anything else is retried with backoff. Conflicts are expected
 * under concurrent writers, so they are retried quietly.
 */
export function handleErr(queue: WorkQueue, key: string, err: unknown, logger: Logger = noopLogger): Decision {
  if (isSuccess(err) || err instanceof SkipError) {
    queue.forget(key);
    return 'forget';
  }
  if (err instanceof RequeueAfterError) {
    queue.forget(key);
    queue.addAfter(key, err.requeueAfter);
    logger.debug({ key, requeueAfter: err.requeueAfter, depth: queue.len }, 'requeuing key by request');
    return 'requeue-after';
  }
  if (isConflict(err)) logger.info({ key, err }, 'write conflict; retrying');
  else logger.error({ key, err }, 'reconcile failed');
  if (err instanceof PermanentError || queue.shuttingDown) {
    queue.forget(key);
    return 'forget';
  }
  queue.addRateLimited(key);
  return 'retry';
}
