import { SERVICE_LABEL_KEY } from '../../constants/labels.js';
import type { FieldError } from '../../field-error.js';
import type { ValidationContext } from './context.js';
import {
  validateCreatorAndModifier,
  validateNoAutoscalingAnnotations,
  validateOwnerLabel,
  validateRolloutDuration,
  validateVisibilityLabel,
} from './metadata.js';
import { validateObjectNames } from './names.js';
import { validateKind } from './object-parts.js';
import { get } from './shape.js';
import { validateTraffic } from './traffic.js';

/** Validates a serving.knative.dev/v1 Route as Knative's webhook does. Never throws. */
export function validateRoute(value: unknown, context?: ValidationContext): FieldError[] {
  return validateKind(value, context, ({ errs, metaErrs, meta, spec, rawSpec, original }) => {
    validateObjectNames(meta.name, meta.generateName, metaErrs);
    validateNoAutoscalingAnnotations(meta.annotations, metaErrs);
    validateOwnerLabel(meta, SERVICE_LABEL_KEY, 'Service', metaErrs);
    validateRolloutDuration(meta.annotations, metaErrs);
    validateVisibilityLabel(meta.labels, metaErrs);
    if (spec) validateTraffic(get(spec, 'traffic'), { defaultConfigurationName: false }, errs.at('spec.traffic'));
    if (original && meta.ownerReferences.length === 0) {
      validateCreatorAndModifier(original.spec, rawSpec, original.meta, meta, metaErrs);
    }
  });
}
