import type { FieldError } from '../../field-error.js';
import { FieldErrors } from '../../field-error.js';
import { resolveContext } from './context.js';
import type { ValidationContext } from './context.js';
import {
  validateCreatorAndModifier,
  validateNoAutoscalingAnnotations,
  validateRolloutDuration,
  validateVisibilityLabel,
} from './metadata.js';
import { validateObjectNames } from './names.js';
import { readObjectParts, readOriginal, templateOf } from './object-parts.js';
import { validateRevisionTemplate, verifyTemplateNameChange } from './revision-spec.js';
import { get } from './shape.js';
import { validateTraffic } from './traffic.js';

/** Validates a serving.knative.dev/v1 Service as Knative's webhook does. Never throws. */
export function validateService(value: unknown, context?: ValidationContext): FieldError[] {
  const ctx = resolveContext(context);
  const errs = new FieldErrors();
  const parts = readObjectParts(value, errs);
  if (!parts) return [...errs.list];
  const { meta, spec } = parts;
  const metaErrs = errs.at('metadata');
  validateObjectNames(meta.name, meta.generateName, metaErrs);
  validateNoAutoscalingAnnotations(meta.annotations, metaErrs);
  validateRolloutDuration(meta.annotations, metaErrs);
  validateVisibilityLabel(meta.labels, metaErrs);
  if (spec) {
    validateRevisionTemplate(get(spec, 'template'), meta, ctx, errs.at('spec.template'));
    validateTraffic(get(spec, 'traffic'), { defaultConfigurationName: true }, errs.at('spec.traffic'));
  }
  const original = readOriginal(ctx.original);
  if (original) {
    validateCreatorAndModifier(original.spec, get(parts.object, 'spec'), original.meta, meta, metaErrs);
    verifyTemplateNameChange(templateOf(spec), templateOf(original.spec), errs.at('spec.template'));
  }
  return [...errs.list];
}
