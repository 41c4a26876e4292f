import type { FieldError } from '../../field-error.js';
import type { ValidationContext } from './context.js';
import {
  validateCreatorAndModifier,
  validateNoAutoscalingAnnotations,
  validateRolloutDuration,
  validateVisibilityLabel,
} from './metadata.js';
import { validateObjectNames } from './names.js';
import { templateOf, validateKind } from './object-parts.js';
import { validateRevisionTemplate, verifyTemplateNameChange } from './revision-spec.js';
import { get } from './shape.js';
import { validateTraffic } from './traffic.js';

/** Validates a serving.knative.dev/v1 Service as Knative's webhook does. Never throws. */
export function validateService(value: unknown, context?: ValidationContext): FieldError[] {
  return validateKind(value, context, ({ ctx, errs, metaErrs, meta, spec, rawSpec, original }) => {
    validateObjectNames(meta.name, meta.generateName, metaErrs);
    validateNoAutoscalingAnnotations(meta.annotations, metaErrs);
    validateRolloutDuration(meta.annotations, metaErrs);
    validateVisibilityLabel(meta.labels, metaErrs);
    if (spec) {
      validateRevisionTemplate(get(spec, 'template'), meta, ctx, errs.at('spec.template'));
      validateTraffic(get(spec, 'traffic'), { defaultConfigurationName: true }, errs.at('spec.traffic'));
    }
    if (original) {
      validateCreatorAndModifier(original.spec, rawSpec, original.meta, meta, metaErrs);
      verifyTemplateNameChange(templateOf(spec), templateOf(original.spec), errs.at('spec.template'));
    }
  });
}
