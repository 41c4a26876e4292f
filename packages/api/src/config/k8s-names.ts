// Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation) that config values must obey.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** IsFullyQualifiedDomainName: the problem with `value` as a host name, or undefined when fine. */
export function fqdnProblem(value: string): string | undefined {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name === '') return 'must not be empty';
  if (!isDns1123Subdomain(name)) return 'must be lowercase letters, digits, "-" and "."';
  const labels = name.split('.');
  if (labels.length < 2) return 'must have at least two segments separated by dots';
  if (labels.some((l) => !isDns1123Label(l))) return 'each segment must be at most 63 characters';
  return undefined;
}

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  const slash = value.lastIndexOf('/');
  const name = slash < 0 ? value : value.slice(slash + 1);
  const prefix = slash < 0 ? undefined : value.slice(0, slash);
  if (prefix !== undefined && (prefix === '' || !isDns1123Subdomain(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** A label value: empty, or at most 63 characters of the qualified-name alphabet. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}
