// Object names as Knative checks them on serving objects: DNS-1035 labels, in knative.dev/pkg's wording.
import type { FieldErrors } from '../../field-error.js';
import { DNS_LABEL_MAX_LENGTH } from '../../names.js';

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const DNS1035_SHAPE =
  "must consist of lowercase letters, digits and '-', start with a letter and end with a letter or digit";

/** Problems with `value` as a DNS-1035 label (empty when fine). */
export function dns1035LabelProblems(value: string): string[] {
  const out: string[] = [];
  if (value.length > DNS_LABEL_MAX_LENGTH) out.push(`must be no more than ${DNS_LABEL_MAX_LENGTH} characters, got ${value.length}`);
  if (!DNS1035_LABEL.test(value)) out.push(DNS1035_SHAPE);
  return out;
}

/** As Kubernetes checks generateName: a trailing '-' is fine because a suffix follows. */
export function dns1035PrefixProblems(value: string): string[] {
  const masked = value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value;
  return dns1035LabelProblems(masked);
}

/**
 * Checks metadata.name / metadata.generateName (relative to `errs`) as knative.dev/pkg does:
 * both DNS-1035 labels, and at least one of them set.
 */
export function validateObjectNames(name: string | undefined, generateName: string | undefined, errs: FieldErrors): void {
  if (generateName) {
    const problems = dns1035PrefixProblems(generateName);
    if (problems.length > 0) errs.add('generateName', `not a DNS-1035 label prefix: ${problems.join('; ')}`);
  }
  if (name) {
    const problems = dns1035LabelProblems(name);
    if (problems.length > 0) errs.add('name', `not a DNS-1035 label: ${problems.join('; ')}`);
  }
  if (!name && !generateName) errs.add('name', 'name or generateName is required');
}
