import { CONFIGURATION_LABEL_KEY } from '../../constants/labels.js';
import type { FieldError } from '../../field-error.js';
import { validateAutoscalingAnnotations } from './autoscaling-annotations.js';
import type { ValidationContext } from './context.js';
import { diffPaths } from './deep-equal.js';
import { validateOwnerLabel } from './metadata.js';
import { validateObjectNames } from './names.js';
import { validateKind } from './object-parts.js';
import { validateRevisionSpec } from './revision-spec.js';

/** Validates a serving.knative.dev/v1 Revision: its spec on create, that the spec did not change on update. Never throws. */
export function validateRevision(value: unknown, context?: ValidationContext): FieldError[] {
  return validateKind(value, context, ({ ctx, errs, metaErrs, meta, spec, rawSpec, original }) => {
    validateObjectNames(meta.name, meta.generateName, metaErrs);
    validateAutoscalingAnnotations(meta.annotations, ctx.autoscaler, metaErrs);
    validateOwnerLabel(meta, CONFIGURATION_LABEL_KEY, 'Configuration', metaErrs);
    if (original) {
      const changed = diffPaths(original.spec, rawSpec);
      if (changed.length > 0) errs.add('spec', `immutable: a revision's spec never changes (changed: ${changed.join(', ')})`);
    } else if (spec) {
      validateRevisionSpec(spec, ctx, errs.at('spec'));
    }
  });
}
