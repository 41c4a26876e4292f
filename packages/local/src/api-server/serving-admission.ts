// Admission for the serving.knative.dev kinds, as knot's webhook does it on a
// cluster: defaulting (with serving.knative.dev/creator and lastModifier from
// the request's user), then validation with the stored object for the
// immutability rules. Status writes and writes to objects being deleted pass.
import {
  resourceKey,
  serving,
  setConfigurationDefaults,
  setDomainMappingDefaults,
  setRevisionDefaults,
  setRouteDefaults,
  setServiceDefaults,
  validateConfiguration,
  validateDomainMapping,
  validateRevision,
  validateRoute,
  validateService,
  type DefaultingContext,
  type FieldError,
  type KubeObject,
  type ValidationContext,
} from '@knot/api';
import { AdmissionDeniedError, deniedForFields, describeError, type Admission } from './admission.js';
import type { ServingConfigSource } from './serving-configs.js';

/** The names Knative registers its webhooks under; kube-apiserver names them in denials. */
export const DEFAULTING_WEBHOOK = 'webhook.serving.knative.dev';
export const VALIDATION_WEBHOOK = 'validation.webhook.serving.knative.dev';

interface ServingKind {
  readonly setDefaults: (object: KubeObject, ctx: DefaultingContext) => KubeObject;
  readonly validate: (object: unknown, ctx: ValidationContext) => readonly FieldError[];
}

// The set*Defaults functions read their input defensively, so any JSON object can be handed to them;
// the casts only satisfy their typed signatures.
const KINDS: ReadonlyMap<string, ServingKind> = new Map<string, ServingKind>([
  [resourceKey(serving.services), { setDefaults: (o, ctx) => setServiceDefaults(o as Parameters<typeof setServiceDefaults>[0], ctx), validate: validateService }],
  [resourceKey(serving.configurations), { setDefaults: (o, ctx) => setConfigurationDefaults(o as Parameters<typeof setConfigurationDefaults>[0], ctx), validate: validateConfiguration }],
  [resourceKey(serving.revisions), { setDefaults: (o, ctx) => setRevisionDefaults(o as Parameters<typeof setRevisionDefaults>[0], ctx), validate: validateRevision }],
  [resourceKey(serving.routes), { setDefaults: (o, ctx) => setRouteDefaults(o as Parameters<typeof setRouteDefaults>[0], ctx), validate: validateRoute }],
  [resourceKey(serving.domainMappings), { setDefaults: (o, ctx) => setDomainMappingDefaults(o as Parameters<typeof setDomainMappingDefaults>[0], ctx), validate: validateDomainMapping }],
]);

export interface ServingAdmissionOptions {
  /** The config snapshots defaulting and validation read; called once per admitted write. */
  readonly configs: ServingConfigSource;
}

export function servingAdmission(opts: ServingAdmissionOptions): Admission {
  return async ({ resource, subresource, object, oldObject, user }) => {
    const kind = KINDS.get(resourceKey(resource));
    if (!kind || subresource !== '') return object;
    // An update to an object being deleted (e.g. removing a finalizer) must never be blocked.
    if (oldObject && object.metadata?.deletionTimestamp) return object;
    const configs = await opts.configs();
    let defaulted: KubeObject;
    try {
      defaulted = kind.setDefaults(object, { defaults: configs.defaults, features: configs.features, original: oldObject, user: user || undefined });
    } catch (err) {
      throw new AdmissionDeniedError(DEFAULTING_WEBHOOK, `mutation failed: ${describeError(err)}`);
    }
    let errors: readonly FieldError[];
    try {
      errors = kind.validate(defaulted, { defaults: configs.defaults, autoscaler: configs.autoscaler, features: configs.features, clusterDomain: configs.clusterDomain, original: oldObject });
    } catch (err) {
      throw new AdmissionDeniedError(VALIDATION_WEBHOOK, `validation failed: ${describeError(err)}`);
    }
    if (errors.length > 0) throw deniedForFields(VALIDATION_WEBHOOK, 'validation failed', errors);
    return defaulted;
  };
}
