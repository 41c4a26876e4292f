// The Serving kinds the defaulting and validation endpoints handle, by group/version/kind,
// with the @knot/api defaulting and validation functions for each.
import {
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
  type Configuration,
  type DefaultingContext,
  type DomainMapping,
  type FieldError,
  type Revision,
  type Route,
  type Service,
  type ValidationContext,
} from '@knot/api';
import type { JsonRecord } from '../json.js';
import type { GroupVersionKind } from './admission-review.js';

export interface ServingKind {
  /** A defaulted copy; the input is not changed. */
  readonly setDefaults: (object: JsonRecord, ctx: DefaultingContext) => unknown;
  /** Every field error; never throws. */
  readonly validate: (object: unknown, ctx: ValidationContext) => readonly FieldError[];
}

// The set*Defaults functions read their input defensively (checking every shape), so any
// JSON object can be handed to them; the casts only satisfy their typed signatures.
const SERVICE: ServingKind = { setDefaults: (o, ctx) => setServiceDefaults(o as unknown as Service, ctx), validate: validateService };
const CONFIGURATION: ServingKind = { setDefaults: (o, ctx) => setConfigurationDefaults(o as unknown as Configuration, ctx), validate: validateConfiguration };
const REVISION: ServingKind = { setDefaults: (o, ctx) => setRevisionDefaults(o as unknown as Revision, ctx), validate: validateRevision };
const ROUTE: ServingKind = { setDefaults: (o, ctx) => setRouteDefaults(o as unknown as Route, ctx), validate: validateRoute };
const DOMAIN_MAPPING: ServingKind = { setDefaults: (o, ctx) => setDomainMappingDefaults(o as unknown as DomainMapping, ctx), validate: validateDomainMapping };

const KINDS: ReadonlyMap<string, ServingKind> = new Map([
  ['serving.knative.dev/v1/Service', SERVICE],
  ['serving.knative.dev/v1/Configuration', CONFIGURATION],
  ['serving.knative.dev/v1/Revision', REVISION],
  ['serving.knative.dev/v1/Route', ROUTE],
  ['serving.knative.dev/v1beta1/DomainMapping', DOMAIN_MAPPING],
  // v1alpha1 DomainMapping has v1beta1's shape.
  ['serving.knative.dev/v1alpha1/DomainMapping', DOMAIN_MAPPING],
]);

/** The handler for a kind, or undefined when the webhook does not handle it. */
export function servingKind(gvk: GroupVersionKind): ServingKind | undefined {
  return KINDS.get(`${gvk.group}/${gvk.version}/${gvk.kind}`);
}
