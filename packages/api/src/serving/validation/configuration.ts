import { SERVICE_LABEL_KEY } from '../../constants/labels.js';
import type { FieldError } from '../../field-error.js';
import type { ValidationContext } from './context.js';
import { validateCreatorAndModifier, validateNoAutoscalingAnnotations, validateOwnerLabel } from './metadata.js';
import { validateObjectNames } from './names.js';
import { templateOf, validateKind } from './object-parts.js';
import { validateRevisionTemplate, verifyTemplateNameChange } from './revision-spec.js';
import { get } from './shape.js';

/** Validates a serving.knative.dev/v1 Configuration as Knative's webhook does. Never throws. */
export function validateConfiguration(value: unknown, context?: ValidationContext): FieldError[] {
  return validateKind(value, context, ({ ctx, errs, metaErrs, meta, spec, rawSpec, original }) => {
    validateObjectNames(meta.name, meta.generateName, metaErrs);
    validateNoAutoscalingAnnotations(meta.annotations, metaErrs);
    validateOwnerLabel(meta, SERVICE_LABEL_KEY, 'Service', metaErrs);
    if (spec) validateRevisionTemplate(get(spec, 'template'), meta, ctx, errs.at('spec.template'));
    if (original) {
      // A Service's child carries the Service's user annotations; only standalone objects are checked.
      if (meta.ownerReferences.length === 0) validateCreatorAndModifier(original.spec, rawSpec, original.meta, meta, metaErrs);
      verifyTemplateNameChange(templateOf(spec), templateOf(original.spec), errs.at('spec.template'));
    }
  });
}
