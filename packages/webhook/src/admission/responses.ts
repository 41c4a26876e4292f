import type { FieldError } from '@knot/api';
import type { JsonPatchOperation } from '@knot/runtime';
import type { AdmissionResponse, StatusCause } from './admission-review.js';

/** Admitted unchanged. */
export function allow(uid: string): AdmissionResponse {
  return { uid, allowed: true };
}

/** Admitted with the changes a JSON patch makes; no patch when there is nothing to change. */
export function allowWithPatch(uid: string, ops: readonly JsonPatchOperation[]): AdmissionResponse {
  if (ops.length === 0) return allow(uid);
  return { uid, allowed: true, patchType: 'JSONPatch', patch: Buffer.from(JSON.stringify(ops)).toString('base64') };
}

/**
 * Refused. Code 400 is what the API server reports for a webhook denial without one,
 * so kubectl shows `BadRequest` followed by the message, as with Knative.
 */
export function deny(uid: string, message: string, causes: readonly StatusCause[] = []): AdmissionResponse {
  return {
    uid,
    allowed: false,
    result: { status: 'Failure', message, reason: 'BadRequest', code: 400, ...(causes.length > 0 ? { details: { causes } } : {}) },
  };
}

/** Refused listing every field error, one per line in the message and one cause each. */
export function denyFieldErrors(uid: string, prefix: string, errors: readonly FieldError[]): AdmissionResponse {
  const lines = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const causes = errors.map((e) => ({ reason: 'FieldValueInvalid', field: e.path, message: e.message }));
  return deny(uid, `${prefix}: ${lines.join('\n')}`, causes);
}
