// Admission as the local API runs it on every create and update: one function
// that gets the object about to be stored and returns it (changed, for mutating
// steps) or throws AdmissionDeniedError. `knot dev` composes the steps it wants.
import type { FieldError, KubeObject, ResourceType } from '@knot/api';
import { ApiError, type StatusCause } from '@knot/runtime';

export type AdmissionOperation = 'CREATE' | 'UPDATE';

export interface AdmissionAttributes {
  readonly operation: AdmissionOperation;
  /** The kind, as stored. */
  readonly resource: ResourceType;
  /** '' for the object itself, 'status' for the status subresource. */
  readonly subresource: string;
  readonly namespace: string | undefined;
  readonly name: string;
  /** The object about to be stored, already converted to the stored version. */
  readonly object: KubeObject;
  /** The stored object, on UPDATE. */
  readonly oldObject: KubeObject | undefined;
  /** The authenticated user making the request. */
  readonly user: string;
  readonly dryRun: boolean;
}

/** Returns the object to store, or throws AdmissionDeniedError (or another ApiError). */
export type Admission = (attrs: AdmissionAttributes) => KubeObject | Promise<KubeObject>;

/**
 * A refusal, worded as kube-apiserver words a webhook's denial so clients show
 * the same text as on a cluster: `admission webhook "<name>" denied the request: <message>`.
 * Knative's webhooks deny with code 400, hence BadRequest.
 */
export class AdmissionDeniedError extends ApiError {
  readonly webhook: string;

  constructor(webhook: string, message: string, causes: readonly StatusCause[] = []) {
    super('BadRequest', `admission webhook "${webhook}" denied the request: ${message}`, causes);
    this.webhook = webhook;
  }
}

/** A denial listing every field error, one per line in the message and one cause each, as Knative's webhook does. */
export function deniedForFields(webhook: string, prefix: string, errors: readonly FieldError[]): AdmissionDeniedError {
  const lines = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message));
  const causes = errors.map((e) => ({ reason: 'FieldValueInvalid', field: e.path, message: e.message }));
  return new AdmissionDeniedError(webhook, `${prefix}: ${lines.join('\n')}`, causes);
}

/** Admits everything unchanged: the API as a kube-apiserver without webhooks. */
export const admitAll: Admission = (attrs) => attrs.object;

/** Runs the steps in order, each on the object the one before returned (mutating steps first, as Kubernetes does). */
export function chainAdmission(...steps: readonly Admission[]): Admission {
  return async (attrs) => {
    let object = attrs.object;
    for (const step of steps) object = await step({ ...attrs, object });
    return object;
  };
}

/** The message of anything a step threw, for a denial. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
