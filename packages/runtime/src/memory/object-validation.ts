import { dns1123LabelProblem, dns1123SubdomainProblem, type KubeObject, labelValueProblem, qualifiedNameProblem, type ResourceType } from '@knot/api';
import { ApiError, type StatusCause } from '../errors.js';
import { isNamespaceKind } from './kinds.js';

export const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({
  field,
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  reason: 'FieldValueInvalid',
});

export const requiredValue = (field: string, detail?: string): StatusCause => ({
  field,
  message: detail ? `Required value: ${detail}` : 'Required value',
  reason: 'FieldValueRequired',
});

export const forbiddenValue = (field: string, detail: string): StatusCause => ({
  field,
  message: `Forbidden: ${detail}`,
  reason: 'FieldValueForbidden',
});

/** An Invalid error worded as Kubernetes words it: `Service.serving.knative.dev "x" is invalid: metadata.name: ...`. */
export function invalidObject(rt: ResourceType, name: string, causes: readonly StatusCause[]): ApiError {
  const kind = rt.group ? `${rt.kind}.${rt.group}` : rt.kind;
  const parts = causes.map((c) => `${c.field}: ${c.message}`);
  const detail = parts.length === 1 ? parts[0] ?? '' : `[${parts.join(', ')}]`;
  return new ApiError('Invalid', `${kind} "${name}" is invalid: ${detail}`, causes);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMapCauses(field: string, value: unknown, keyCheck: (k: string) => string | undefined, valueCheck?: (v: string) => string | undefined): StatusCause[] {
  if (value === undefined) return [];
  if (!isRecord(value)) return [invalidValue(field, value, 'must be a map of strings')];
  const causes: StatusCause[] = [];
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = keyCheck(k);
    if (keyProblem) causes.push(invalidValue(field, k, keyProblem));
    if (typeof v !== 'string') causes.push(invalidValue(`${field}[${k}]`, v, 'must be a string'));
    else if (valueCheck) {
      const problem = valueCheck(v);
      if (problem) causes.push(invalidValue(`${field}[${k}]`, v, problem));
    }
  }
  return causes;
}

function ownerReferenceCauses(obj: KubeObject): StatusCause[] {
  const refs: unknown = obj.metadata?.ownerReferences;
  if (refs === undefined) return [];
  if (!Array.isArray(refs)) return [invalidValue('metadata.ownerReferences', refs, 'must be a list')];
  const causes: StatusCause[] = [];
  let controllers = 0;
  refs.forEach((ref: unknown, i) => {
    const at = `metadata.ownerReferences[${i}]`;
    if (!isRecord(ref)) {
      causes.push(invalidValue(at, ref, 'must be an object'));
      return;
    }
    for (const field of ['apiVersion', 'kind', 'name', 'uid']) {
      if (typeof ref[field] !== 'string' || ref[field] === '') causes.push(requiredValue(`${at}.${field}`));
    }
    if (ref.controller === true) controllers++;
  });
  if (controllers > 1) causes.push(invalidValue('metadata.ownerReferences', refs, 'Only one reference can have Controller set to true'));
  return causes;
}

/** Checks what the API server itself checks on every object: names, namespace, labels, annotations, finalizers, owner references. */
export function objectMetaCauses(rt: ResourceType, obj: KubeObject): StatusCause[] {
  const meta = obj.metadata ?? {};
  const causes: StatusCause[] = [];
  const name = meta.name ?? '';
  const nameProblem = isNamespaceKind(rt) ? dns1123LabelProblem(name) : dns1123SubdomainProblem(name);
  if (!name) causes.push(requiredValue('metadata.name', 'name or generateName is required'));
  else if (nameProblem) causes.push(invalidValue('metadata.name', name, nameProblem));
  if (rt.namespaced) {
    const ns = meta.namespace ?? '';
    const nsProblem = dns1123LabelProblem(ns);
    if (!ns) causes.push(requiredValue('metadata.namespace'));
    else if (nsProblem) causes.push(invalidValue('metadata.namespace', ns, nsProblem));
  }
  causes.push(...stringMapCauses('metadata.labels', meta.labels, qualifiedNameProblem, labelValueProblem));
  causes.push(...stringMapCauses('metadata.annotations', meta.annotations, (k) => qualifiedNameProblem(k.toLowerCase())));
  const finalizers: unknown = meta.finalizers;
  if (finalizers !== undefined) {
    if (!Array.isArray(finalizers)) causes.push(invalidValue('metadata.finalizers', finalizers, 'must be a list'));
    else {
      finalizers.forEach((f: unknown, i) => {
        const problem = typeof f === 'string' ? qualifiedNameProblem(f) : 'must be a string';
        if (problem) causes.push(invalidValue(`metadata.finalizers[${i}]`, f, problem));
      });
    }
  }
  causes.push(...ownerReferenceCauses(obj));
  return causes;
}
