import type { JsonRecord } from '../json.js';
import { formatGvk, type AdmissionRequest, type AdmissionResponse } from './admission-review.js';
import { describeError, isBeingDeleted, isObjectWrite, requestObjects } from './request-objects.js';
import { allow, deny } from './responses.js';
import { servingKind, type ServingKind } from './serving-kinds.js';

/** A Serving object write that passed the shared checks: its kind, the object and, on UPDATE, the stored one. */
export interface ServingObjectWrite {
  readonly kind: ServingKind;
  readonly object: JsonRecord;
  readonly original: JsonRecord | undefined;
}

/**
 * What the defaulting and validation endpoints share: unknown kinds and malformed
 * objects are denied under `prefix`; status writes, deletes and updates to objects
 * being deleted are allowed untouched; anything `admit` throws becomes a denial.
 */
export function admitServingObject(req: AdmissionRequest, prefix: string, admit: (write: ServingObjectWrite) => AdmissionResponse): AdmissionResponse {
  const kind = servingKind(req.kind);
  if (!kind) return deny(req.uid, `${prefix}: unhandled kind: ${formatGvk(req.kind)}`);
  if (!isObjectWrite(req)) return allow(req.uid);
  const objects = requestObjects(req);
  if ('problem' in objects) return deny(req.uid, `${prefix}: ${objects.problem}`);
  if (objects.original && isBeingDeleted(objects.object)) return allow(req.uid);
  try {
    return admit({ kind, ...objects });
  } catch (err) {
    return deny(req.uid, `${prefix}: ${describeError(err)}`);
  }
}
