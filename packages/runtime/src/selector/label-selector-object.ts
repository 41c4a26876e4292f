import type { LabelSelector } from '@knot/api';
import { ApiError } from '../errors.js';
import { type LabelOperator, type LabelRequirement, type Labels, ParsedLabelSelector, requirementProblem } from './label-selector.js';

const EXPRESSION_OPERATORS: Readonly<Record<string, LabelOperator>> = {
  In: 'In',
  NotIn: 'NotIn',
  Exists: 'Exists',
  DoesNotExist: 'DoesNotExist',
};

/**
 * Converts a selector object (`matchLabels` / `matchExpressions`, as in a
 * Deployment's `spec.selector`) as Kubernetes' LabelSelectorAsSelector does: an
 * empty object selects everything. Throws ApiError BadRequest on a bad operator or value.
 */
export function labelSelectorFromObject(selector: LabelSelector): ParsedLabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push(checked({ key, operator: 'Equals', values: [value] }, `matchLabels[${key}]`));
  }
  (selector.matchExpressions ?? []).forEach((expr, i) => {
    const operator = EXPRESSION_OPERATORS[expr.operator];
    if (!operator) throw new ApiError('BadRequest', `matchExpressions[${i}].operator: Unsupported value: "${expr.operator}": supported values: "In", "NotIn", "Exists", "DoesNotExist"`);
    const values = [...new Set(expr.values ?? [])].sort();
    requirements.push(checked({ key: expr.key, operator, values }, `matchExpressions[${i}]`));
  });
  return new ParsedLabelSelector(requirements);
}

function checked(r: LabelRequirement, where: string): LabelRequirement {
  const problem = requirementProblem(r);
  if (problem) throw new ApiError('BadRequest', `${where}.${problem}`);
  return r;
}

/**
 * Whether `labels` match a selector object. An absent selector matches nothing and
 * an empty one matches everything, as in Kubernetes.
 */
export function matchLabelSelector(selector: LabelSelector | undefined, labels: Labels | undefined): boolean {
  if (selector === undefined) return false;
  return labelSelectorFromObject(selector).matches(labels);
}
