// The first steps every kind's validator takes: the object, its metadata and its spec.
import type { FieldErrors } from '../../field-error.js';
import { REQUIRED } from './messages.js';
import { peekMeta, readMeta } from './metadata.js';
import type { MetaView } from './metadata.js';
import { asObj, get, isObj, kindOf } from './shape.js';
import type { Obj } from './shape.js';

export interface ObjectParts {
  readonly object: Obj;
  readonly meta: MetaView;
  /** Undefined when absent or not an object (already reported). */
  readonly spec: Obj | undefined;
}

/** Splits `value` into metadata and spec, reporting a wrong top-level shape; undefined when it is not an object. */
export function readObjectParts(value: unknown, errs: FieldErrors): ObjectParts | undefined {
  if (!isObj(value)) {
    errs.add('', `expected an object, got ${kindOf(value)}`);
    return undefined;
  }
  const meta = readMeta(get(value, 'metadata'), errs.at('metadata'));
  const raw = get(value, 'spec');
  if (raw === undefined || raw === null) errs.add('spec', REQUIRED);
  return { object: value, meta, spec: asObj(raw, errs, 'spec') };
}

/** The stored object on update, read without reporting: it passed validation when it was stored. */
export interface OriginalParts {
  readonly meta: MetaView;
  readonly spec: unknown;
}

export function readOriginal(original: unknown): OriginalParts | undefined {
  if (original === undefined) return undefined;
  const o = isObj(original) ? original : {};
  return { meta: peekMeta(get(o, 'metadata')), spec: get(o, 'spec') };
}

/** `spec.template` of a raw spec value, if there is one. */
export function templateOf(spec: unknown): unknown {
  return isObj(spec) ? get(spec, 'template') : undefined;
}
