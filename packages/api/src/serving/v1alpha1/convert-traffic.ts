// v1alpha1 traffic targets and status → v1: a target's `name` became `tag`, and the legacy
// address and domain fields of status are folded into `url` or dropped.
import type { FieldErrors } from '../../field-error.js';
import { get, isObj, kindOf } from '../validation/shape.js';
import type { Obj } from '../validation/shape.js';
import { copy, isPresent } from './convert-template.js';
import type { Json } from './convert-template.js';

/** `errs` sits at the list. In spec, a target naming both a different `name` and `tag` is refused; in status `tag` wins. */
export function trafficToV1(traffic: unknown, errs: FieldErrors, inSpec: boolean): unknown {
  if (!Array.isArray(traffic)) return copy(traffic);
  return traffic.map((target: unknown, i) => (isObj(target) ? targetToV1(target, errs.at(`[${i}]`), inSpec) : copy(target)));
}

function targetToV1(target: Obj, errs: FieldErrors, inSpec: boolean): Json {
  const { name, ...rest } = copy(target) as Json;
  const out: Json = rest;
  if (!isPresent(name) || name === '') return out;
  if (typeof name !== 'string') {
    errs.add('name', `expected a string, got ${kindOf(name)}`);
    return out;
  }
  const tag = get(target, 'tag');
  if (!isPresent(tag) || tag === '') out.tag = name;
  else if (inSpec && tag !== name) errs.add('', `expected exactly one of name, tag, got name ${JSON.stringify(name)} and tag ${JSON.stringify(tag)}`);
  return out;
}

const LEGACY_STATUS_FIELDS = new Set(['domain', 'domainInternal', 'serviceName']);

/** A v1 status from a v1alpha1 one; conversion of status never fails. */
export function statusToV1(status: unknown, errs: FieldErrors): unknown {
  if (!isObj(status)) return copy(status);
  const out: Json = {};
  for (const [key, value] of Object.entries(status)) {
    if (!LEGACY_STATUS_FIELDS.has(key)) out[key] = copy(value);
  }
  if (Object.hasOwn(out, 'traffic')) out.traffic = trafficToV1(out.traffic, errs, false);
  const address = get(status, 'address');
  if (isObj(address)) {
    const { hostname, ...rest } = copy(address) as Json;
    if (!isPresent(rest.url) && typeof hostname === 'string' && hostname !== '') rest.url = `http://${hostname}`;
    out.address = rest;
  }
  return out;
}
