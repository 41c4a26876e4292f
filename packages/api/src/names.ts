// Kubernetes name and label rules (k8s.io/apimachinery/pkg/util/validation), the one copy
// that config parsing, serving validation and the runtime's store and selectors all use.
// Each `…Problem` says why a value breaks the rule, or is undefined; `is…` is its boolean.

/** Longest DNS label, RFC 1123 or RFC 1035: namespace names, container names, each segment of a host name. */
export const DNS_LABEL_MAX_LENGTH = 63;
/** Longest DNS-1123 subdomain: most object names. */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
/** Longest name part of a qualified name, and longest label value. */
const QUALIFIED_NAME_MAX_LENGTH = 63;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const maxLength = (max: number): string => `must be no more than ${max} characters`;

/** Why `value` is not a DNS-1123 label (namespace names), or undefined when it is one. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > DNS_LABEL_MAX_LENGTH) return maxLength(DNS_LABEL_MAX_LENGTH);
  if (!DNS1123_LABEL.test(value)) {
    return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  }
  return undefined;
}

/** Why `value` is not a DNS-1123 subdomain (most object names), or undefined when it is one. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) return maxLength(DNS1123_SUBDOMAIN_MAX_LENGTH);
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

/** Why `value` is not a qualified name (`prefix/name`: label keys, annotation keys, finalizers), or undefined. */
export function qualifiedNameProblem(value: string): string | undefined {
  const parts = value.split('/');
  if (parts.length > 2) return "a qualified name must consist of an optional DNS subdomain prefix and a name, separated by '/'";
  const name = parts.length === 2 ? parts[1] : parts[0];
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix === '') return 'prefix part must be non-empty';
    const problem = dns1123SubdomainProblem(prefix);
    if (problem) return `prefix part ${problem}`;
  }
  if (!name) return 'name part must be non-empty';
  if (name.length > QUALIFIED_NAME_MAX_LENGTH) return `name part ${maxLength(QUALIFIED_NAME_MAX_LENGTH)}`;
  if (!QUALIFIED_NAME_PART.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/** Why `value` is not a valid label value (empty is valid), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > QUALIFIED_NAME_MAX_LENGTH) return maxLength(QUALIFIED_NAME_MAX_LENGTH);
  if (!LABEL_VALUE.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

/**
 * IsFullyQualifiedDomainName (a trailing dot is allowed): why `value` is not a host name
 * of at least two segments, or undefined. Its wording is what DomainMapping and config-network report.
 */
export function fqdnProblem(value: string): string | undefined {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name === '') return 'must not be empty';
  if (!isDns1123Subdomain(name)) return 'must be lowercase letters, digits, "-" and "."';
  const labels = name.split('.');
  if (labels.length < 2) return 'must have at least two segments separated by dots';
  if (labels.some((l) => !isDns1123Label(l))) return `each segment must be at most ${DNS_LABEL_MAX_LENGTH} characters`;
  return undefined;
}

export function isDns1123Label(value: string): boolean {
  return dns1123LabelProblem(value) === undefined;
}

export function isDns1123Subdomain(value: string): boolean {
  return dns1123SubdomainProblem(value) === undefined;
}

/** A label or annotation key: an optional DNS subdomain prefix and `/`, then a name of at most 63 characters. */
export function isQualifiedName(value: string): boolean {
  return qualifiedNameProblem(value) === undefined;
}

/** A label value: empty, or at most 63 characters of the qualified-name alphabet. */
export function isLabelValue(value: string): boolean {
  return labelValueProblem(value) === undefined;
}
