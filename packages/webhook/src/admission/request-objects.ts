import { get, isRecord, kindOf, type JsonRecord } from '../json.js';
import type { AdmissionRequest } from './admission-review.js';

/** The objects a CREATE or UPDATE carries, or the problem with them. */
export type RequestObjects =
  | { readonly object: JsonRecord; readonly original: JsonRecord | undefined }
  | { readonly problem: string };

/** `object` must be an object, and so must `oldObject` on UPDATE: it drives immutability and lastModifier. */
export function requestObjects(req: AdmissionRequest): RequestObjects {
  if (!isRecord(req.object)) return { problem: `request.object: expected an object, got ${kindOf(req.object)}` };
  if (req.operation !== 'UPDATE') return { object: req.object, original: undefined };
  if (!isRecord(req.oldObject)) return { problem: `request.oldObject: expected the stored object on UPDATE, got ${kindOf(req.oldObject)}` };
  return { object: req.object, original: req.oldObject };
}

/** Whether admission has anything to say: only writes of the object itself are defaulted and validated. */
export function isObjectWrite(req: AdmissionRequest): boolean {
  return (req.operation === 'CREATE' || req.operation === 'UPDATE') && req.subResource === '';
}

/** An update to an object being deleted (e.g. removing a finalizer) must never be blocked. */
export function isBeingDeleted(object: JsonRecord): boolean {
  const meta = get(object, 'metadata');
  return isRecord(meta) && typeof get(meta, 'deletionTimestamp') === 'string';
}

/** The message of anything thrown, for a denial; handlers never let an exception become a 500. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
