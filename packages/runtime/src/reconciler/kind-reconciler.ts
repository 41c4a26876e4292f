import type { KubeObject } from '@knot/api';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { ReconcileResult } from './errors.js';
import type { EventRecorder } from './event-recorder.js';

/** What a reconcile gets besides the object. */
export interface ReconcileContext {
  /** The work-queue key: `namespace/name`. */
  readonly key: string;
  /** Bound to the key. */
  readonly logger: Logger;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
}

/**
 * What a controller author writes (knative's `Interface` and `Finalizer`).
 * `obj` is a private copy: change its status freely and the base writes it if it
 * changed. Throw (or return) the error kinds from `./errors.ts` to steer retries.
 */
export interface KindReconciler<T extends KubeObject> {
  reconcileKind(obj: T, ctx: ReconcileContext): Promise<void | ReconcileResult>;
  /** When present, the base keeps a finalizer on every object and calls this once it is being deleted. */
  finalizeKind?(obj: T, ctx: ReconcileContext): Promise<void | ReconcileResult>;
}
