import { formatFieldErrors, servingV1alpha1, type FieldError } from '@knot/api';
import { get, isRecord } from '../json.js';
import type { ConversionRequest, ConversionResponse } from './conversion-review.js';

const DOMAIN_MAPPING_VERSIONS: readonly string[] = ['serving.knative.dev/v1alpha1', 'serving.knative.dev/v1beta1'];

/**
 * Every object in `desiredAPIVersion`, or a Failure naming each object and field that
 * cannot be converted: the API server then fails the whole request, as it must.
 */
export function convertObjects(req: ConversionRequest): ConversionResponse {
  const converted: unknown[] = [];
  const problems: string[] = [];
  req.objects.forEach((obj, i) => {
    const result = convertOne(obj, req.desiredAPIVersion);
    if ('object' in result) converted.push(result.object);
    else problems.push(`${describe(obj, i)}: ${formatFieldErrors(result.errors).split('\n').join('; ')}`);
  });
  if (problems.length > 0) return { uid: req.uid, convertedObjects: [], result: { status: 'Failure', message: `conversion failed: ${problems.join('\n')}` } };
  return { uid: req.uid, convertedObjects: converted, result: { status: 'Success' } };
}

type Result = { readonly object: unknown } | { readonly errors: readonly FieldError[] };

function convertOne(obj: unknown, desired: string): Result {
  if (isRecord(obj) && get(obj, 'kind') === 'DomainMapping') {
    // v1alpha1 and v1beta1 DomainMappings have the same fields.
    const version = get(obj, 'apiVersion');
    if (typeof version !== 'string' || !DOMAIN_MAPPING_VERSIONS.includes(version)) return { errors: [{ path: 'apiVersion', message: `expected one of ${DOMAIN_MAPPING_VERSIONS.join(', ')}` }] };
    if (!DOMAIN_MAPPING_VERSIONS.includes(desired)) return { errors: [{ path: 'apiVersion', message: `cannot convert a DomainMapping to ${JSON.stringify(desired)}` }] };
    return { object: { ...structuredClone(obj), apiVersion: desired } };
  }
  return servingV1alpha1.convertServing(obj, desired);
}

function describe(obj: unknown, index: number): string {
  const meta = isRecord(obj) ? get(obj, 'metadata') : undefined;
  const kind = isRecord(obj) && typeof get(obj, 'kind') === 'string' ? (get(obj, 'kind') as string) : 'object';
  if (!isRecord(meta)) return `objects[${index}] (${kind})`;
  const ns = get(meta, 'namespace');
  const name = get(meta, 'name');
  return `${kind} ${typeof ns === 'string' && ns ? `${ns}/` : ''}${typeof name === 'string' ? name : `objects[${index}]`}`;
}
