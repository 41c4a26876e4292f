import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { parse as parseYaml } from 'yaml';
import { isLabelValue, isQualifiedName } from '../names.js';

/** A config entry chosen by an equality label selector, as in config-domain and runtime-class-name. */
export interface SelectorEntry {
  readonly name: string;
  /** Labels that must all be present with these values; empty matches everything. */
  readonly selector: Readonly<Record<string, string>>;
}

function matches(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

/** The entry whose selector matches with the most labels; ties go to the alphabetically first name. */
export function mostSpecific<E extends SelectorEntry>(
  entries: readonly E[],
  labels: Readonly<Record<string, string>> = {},
): E | undefined {
  let best: E | undefined;
  let bestSize = -1;
  for (const e of entries) {
    const size = Object.keys(e.selector).length;
    if (!matches(e.selector, labels) || size < bestSize) continue;
    if (size > bestSize || (best !== undefined && e.name < best.name)) {
      best = e;
      bestSize = size;
    }
  }
  return best;
}

// Like sigs.k8s.io/yaml (YAML → JSON): map keys must be scalars, which become strings.
function toJsonLike(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonLike);
  if (!(value instanceof Map)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of value as Map<unknown, unknown>) {
    if (k !== null && typeof k === 'object') throw new Error('map keys must be plain values');
    Object.defineProperty(out, String(k), { value: toJsonLike(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Parses YAML as Kubernetes tools do, turning any failure into a problem. */
export function yamlValue(raw: string): { value: unknown } | { problem: string } {
  try {
    return { value: toJsonLike(parseYaml(raw, { mapAsMap: true, logLevel: 'error' })) };
  } catch (err) {
    return { problem: `not valid YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` };
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks an equality selector (`{app: foo}`): keys are label keys, values label values. */
export function stringSelector(value: unknown, what: string): { value: Record<string, string> } | { problem: string } {
  if (value === undefined || value === null) return { value: {} };
  if (!isRecord(value)) return { problem: `${what} must be a map of labels` };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return { problem: `${what} value for ${JSON.stringify(k)} must be a string` };
    if (!isQualifiedName(k)) return { problem: `${what} key ${JSON.stringify(k)} is not a valid label key` };
    if (!isLabelValue(v)) return { problem: `${what} value ${JSON.stringify(v)} is not a valid label value` };
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return { value: out };
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function requirement(value: unknown): LabelSelectorRequirement | string {
  if (!isRecord(value)) return 'matchExpressions entries must be maps';
  const { key, operator, values } = value;
  if (typeof key !== 'string' || !isQualifiedName(key)) return `matchExpressions key ${JSON.stringify(key)} is not a valid label key`;
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    return `matchExpressions operator must be one of In, NotIn, Exists, DoesNotExist, got ${JSON.stringify(operator)}`;
  }
  if (values !== undefined && (!Array.isArray(values) || !values.every((x) => typeof x === 'string'))) {
    return 'matchExpressions values must be a list of strings';
  }
  const list: string[] = values ?? [];
  if ((operator === 'In' || operator === 'NotIn') === (list.length === 0)) {
    return `matchExpressions values must be ${operator === 'In' || operator === 'NotIn' ? 'non-empty' : 'empty'} for ${operator}`;
  }
  return list.length > 0 ? { key, operator, values: list } : { key, operator };
}

/** A metav1.LabelSelector written as YAML (`matchLabels`, `matchExpressions`). */
export function labelSelectorFromYaml(raw: string): { value: LabelSelector } | { problem: string } {
  const parsed = yamlValue(raw);
  if ('problem' in parsed) return parsed;
  if (!isRecord(parsed.value)) return { problem: 'must be a label selector with matchLabels or matchExpressions' };
  const labels = stringSelector(parsed.value.matchLabels, 'matchLabels');
  if ('problem' in labels) return labels;
  const exprs = parsed.value.matchExpressions ?? [];
  if (!Array.isArray(exprs)) return { problem: 'matchExpressions must be a list' };
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of exprs) {
    const r = requirement(e);
    if (typeof r === 'string') return { problem: r };
    matchExpressions.push(r);
  }
  return {
    value: {
      ...(Object.keys(labels.value).length > 0 ? { matchLabels: labels.value } : {}),
      ...(matchExpressions.length > 0 ? { matchExpressions } : {}),
    },
  };
}
