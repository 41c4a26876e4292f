// Conversion of serving.knative.dev objects between API versions, as a pure function the
// conversion webhook and the local platform's write path share. v1beta1 has v1's shape;
// v1alpha1 is converted field by field (convert-service.ts, convert-template.ts).
import { FieldErrors } from '../../field-error.js';
import type { FieldError } from '../../field-error.js';
import type { KubeObject } from '../../object.js';
import type { Configuration, Revision, Route, Service } from '../v1/index.js';
import { get, isObj, kindOf, show } from '../validation/shape.js';
import type { Obj } from '../validation/shape.js';
import { serviceSpecToV1 } from './convert-service.js';
import type { ServiceConversionOptions } from './convert-service.js';
import { configurationSpecToV1, copy, isPresent, revisionSpecToV1 } from './convert-template.js';
import type { Json } from './convert-template.js';
import { statusToV1, trafficToV1 } from './convert-traffic.js';

export const SERVING_GROUP = 'serving.knative.dev';
export const SERVING_V1 = `${SERVING_GROUP}/v1`;
export const SERVING_V1BETA1 = `${SERVING_GROUP}/v1beta1`;
export const SERVING_V1ALPHA1 = `${SERVING_GROUP}/v1alpha1`;

/** The serving kinds that exist in v1alpha1, v1beta1 and v1. */
export const CONVERTIBLE_KINDS = ['Service', 'Configuration', 'Revision', 'Route'] as const;
export type ConvertibleKind = (typeof CONVERTIBLE_KINDS)[number];

export type ServingV1Object = Service | Configuration | Revision | Route;

/** The converted object, or every field that could not be converted (paths from the object's root). */
export type ConversionResult<T> = { readonly object: T } | { readonly errors: readonly FieldError[] };

export type ConvertOptions = ServiceConversionOptions;

/**
 * A serving.knative.dev Service, Configuration, Revision or Route of any served version
 * (v1alpha1, v1beta1, v1) as v1. The input is not changed. Never throws.
 */
export function convertToV1(value: unknown, opts: ConvertOptions = {}): ConversionResult<ServingV1Object> {
  const errs = new FieldErrors();
  const head = readHead(value, errs);
  if (!head) return { errors: errs.list };
  const { obj, apiVersion, kind } = head;
  if (apiVersion !== SERVING_V1ALPHA1) return { object: { ...copy(obj), apiVersion: SERVING_V1 } as ServingV1Object };

  const out: Json = {};
  for (const [key, value] of Object.entries(obj)) if (key !== 'spec' && key !== 'status') out[key] = copy(value);
  out.apiVersion = SERVING_V1;
  const spec = get(obj, 'spec');
  if (isObj(spec)) out.spec = specToV1(kind, spec, errs.at('spec'), opts);
  else if (isPresent(spec)) errs.add('spec', `expected an object, got ${kindOf(spec)}`);
  if (isPresent(get(obj, 'status'))) out.status = statusToV1(get(obj, 'status'), new FieldErrors());
  return errs.empty ? { object: out as unknown as ServingV1Object } : { errors: errs.list };
}

/**
 * A v1 (or v1beta1) serving object as `apiVersion`: v1beta1 only relabels it; v1alpha1 keeps the
 * v1 fields, which v1alpha1 also accepts (template, traffic, containers), as Knative's did.
 */
export function convertFromV1(value: unknown, apiVersion: string): ConversionResult<KubeObject> {
  const errs = new FieldErrors();
  const head = readHead(value, errs);
  if (head && head.apiVersion === SERVING_V1ALPHA1) errs.add('apiVersion', `expected ${SERVING_V1} or ${SERVING_V1BETA1}, got ${JSON.stringify(SERVING_V1ALPHA1)}`);
  if (!SERVED_VERSIONS.includes(apiVersion)) errs.add('apiVersion', `cannot convert to ${JSON.stringify(apiVersion)}: expected one of ${SERVED_VERSIONS.join(', ')}`);
  if (!head || !errs.empty) return { errors: errs.list };
  return { object: { ...copy(head.obj), apiVersion } };
}

/** Converts between any two served versions by way of v1. */
export function convertServing(value: unknown, apiVersion: string, opts: ConvertOptions = {}): ConversionResult<KubeObject> {
  const up = convertToV1(value, opts);
  if ('errors' in up || apiVersion === SERVING_V1) return up;
  return convertFromV1(up.object, apiVersion);
}

const SERVED_VERSIONS: readonly string[] = [SERVING_V1, SERVING_V1BETA1, SERVING_V1ALPHA1];

interface Head {
  readonly obj: Obj;
  readonly apiVersion: string;
  readonly kind: ConvertibleKind;
}

function readHead(value: unknown, errs: FieldErrors): Head | undefined {
  if (!isObj(value)) {
    errs.add('', `expected an object, got ${kindOf(value)}`);
    return undefined;
  }
  const apiVersion = get(value, 'apiVersion');
  const kind = get(value, 'kind');
  if (typeof apiVersion !== 'string' || !SERVED_VERSIONS.includes(apiVersion)) {
    errs.add('apiVersion', `expected one of ${SERVED_VERSIONS.join(', ')}, got ${show(apiVersion)}`);
  }
  if (!CONVERTIBLE_KINDS.includes(kind as ConvertibleKind)) errs.add('kind', `expected one of ${CONVERTIBLE_KINDS.join(', ')}, got ${show(kind)}`);
  return errs.empty ? { obj: value, apiVersion: apiVersion as string, kind: kind as ConvertibleKind } : undefined;
}

function specToV1(kind: ConvertibleKind, spec: Obj, errs: FieldErrors, opts: ConvertOptions): Json {
  switch (kind) {
    case 'Service':
      return serviceSpecToV1(spec, errs, opts);
    case 'Configuration':
      return configurationSpecToV1(spec, errs);
    case 'Revision':
      return revisionSpecToV1(spec, errs);
    case 'Route': {
      const { generation: _generation, ...rest } = copy(spec) as Json;
      if (isPresent(rest.traffic)) rest.traffic = trafficToV1(rest.traffic, errs.at('traffic'), true);
      return rest;
    }
  }
}
