// The frame every kind's validator shares: the context, the object, its metadata, its spec
// and, on update, the stored object; each kind adds only its own checks.
import type { FieldError } from '../../field-error.js';
import { FieldErrors } from '../../field-error.js';
import { resolveContext } from './context.js';
import type { ResolvedContext, ValidationContext } from './context.js';
import { REQUIRED } from './messages.js';
import { peekMeta, readMeta } from './metadata.js';
import type { MetaView } from './metadata.js';
import { asObj, get, isObj, kindOf } from './shape.js';
import type { Obj } from './shape.js';

/** The stored object on update, read without reporting: it passed validation when it was stored. */
export interface OriginalParts {
  readonly meta: MetaView;
  readonly spec: unknown;
}

/** What a kind's checks are given. */
export interface KindParts {
  readonly ctx: ResolvedContext;
  /** Where to report, at the object's root. */
  readonly errs: FieldErrors;
  /** `errs` at `metadata`. */
  readonly metaErrs: FieldErrors;
  readonly meta: MetaView;
  /** Undefined when absent or not an object (already reported). */
  readonly spec: Obj | undefined;
  /** `spec` exactly as given, to compare with the stored object's. */
  readonly rawSpec: unknown;
  /** The stored object on update; undefined on create. */
  readonly original: OriginalParts | undefined;
}

/**
 * Resolves the context, reads the object's parts (reporting a value that is not an object,
 * wrong metadata types and a missing spec), runs the kind's `check` and returns every error.
 */
export function validateKind(value: unknown, context: ValidationContext | undefined, check: (parts: KindParts) => void): FieldError[] {
  const ctx = resolveContext(context);
  const errs = new FieldErrors();
  if (!isObj(value)) {
    errs.add('', `expected an object, got ${kindOf(value)}`);
    return [...errs.list];
  }
  const metaErrs = errs.at('metadata');
  const meta = readMeta(get(value, 'metadata'), metaErrs);
  const rawSpec = get(value, 'spec');
  if (rawSpec === undefined || rawSpec === null) errs.add('spec', REQUIRED);
  const spec = asObj(rawSpec, errs, 'spec');
  check({ ctx, errs, metaErrs, meta, spec, rawSpec, original: readOriginal(ctx.original) });
  return [...errs.list];
}

function readOriginal(original: unknown): OriginalParts | undefined {
  if (original === undefined) return undefined;
  const o = isObj(original) ? original : {};
  return { meta: peekMeta(get(o, 'metadata')), spec: get(o, 'spec') };
}

/** `spec.template` of a raw spec value, if there is one. */
export function templateOf(spec: unknown): unknown {
  return isObj(spec) ? get(spec, 'template') : undefined;
}
