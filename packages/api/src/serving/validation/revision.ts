import { CONFIGURATION_LABEL_KEY } from '../../constants/labels.js';
import type { FieldError } from '../../field-error.js';
import { FieldErrors } from '../../field-error.js';
import { validateAutoscalingAnnotations } from './autoscaling-annotations.js';
import { resolveContext } from './context.js';
import type { ValidationContext } from './context.js';
import { diffPaths } from './deep-equal.js';
import { validateOwnerLabel } from './metadata.js';
import { validateObjectNames } from './names.js';
import { readObjectParts, readOriginal } from './object-parts.js';
import { validateRevisionSpec } from './revision-spec.js';
import { get } from './shape.js';

/** Validates a serving.knative.dev/v1 Revision: its spec on create, that the spec did not change on update. Never throws. */
export function validateRevision(value: unknown, context?: ValidationContext): FieldError[] {
  const ctx = resolveContext(context);
  const errs = new FieldErrors();
  const parts = readObjectParts(value, errs);
  if (!parts) return [...errs.list];
  const { meta, spec } = parts;
  const metaErrs = errs.at('metadata');
  validateObjectNames(meta.name, meta.generateName, metaErrs);
  validateAutoscalingAnnotations(meta.annotations, ctx.autoscaler, metaErrs);
  validateOwnerLabel(meta, CONFIGURATION_LABEL_KEY, 'Configuration', metaErrs);
  const original = readOriginal(ctx.original);
  if (original) {
    const changed = diffPaths(original.spec, get(parts.object, 'spec'));
    if (changed.length > 0) errs.add('spec', `immutable: a revision's spec never changes (changed: ${changed.join(', ')})`);
  } else if (spec) {
    validateRevisionSpec(spec, ctx, errs.at('spec'));
  }
  return [...errs.list];
}
