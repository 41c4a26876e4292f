import { SERVICE_LABEL_KEY } from '../../constants/labels.js';
import type { FieldError } from '../../field-error.js';
import { FieldErrors } from '../../field-error.js';
import { resolveContext } from './context.js';
import type { ValidationContext } from './context.js';
import {
  validateCreatorAndModifier,
  validateNoAutoscalingAnnotations,
  validateOwnerLabel,
  validateRolloutDuration,
  validateVisibilityLabel,
} from './metadata.js';
import { validateObjectNames } from './names.js';
import { readObjectParts, readOriginal } from './object-parts.js';
import { get } from './shape.js';
import { validateTraffic } from './traffic.js';

/** Validates a serving.knative.dev/v1 Route as Knative's webhook does. Never throws. */
export function validateRoute(value: unknown, context?: ValidationContext): FieldError[] {
  const ctx = resolveContext(context);
  const errs = new FieldErrors();
  const parts = readObjectParts(value, errs);
  if (!parts) return [...errs.list];
  const { meta, spec } = parts;
  const metaErrs = errs.at('metadata');
  validateObjectNames(meta.name, meta.generateName, metaErrs);
  validateNoAutoscalingAnnotations(meta.annotations, metaErrs);
  validateOwnerLabel(meta, SERVICE_LABEL_KEY, 'Service', metaErrs);
  validateRolloutDuration(meta.annotations, metaErrs);
  validateVisibilityLabel(meta.labels, metaErrs);
  if (spec) validateTraffic(get(spec, 'traffic'), { defaultConfigurationName: false }, errs.at('spec.traffic'));
  const original = readOriginal(ctx.original);
  if (original && meta.ownerReferences.length === 0) {
    validateCreatorAndModifier(original.spec, get(parts.object, 'spec'), original.meta, meta, metaErrs);
  }
  return [...errs.list];
}
