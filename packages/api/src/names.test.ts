import {
  dns1123LabelProblem,
  dns1123SubdomainProblem,
  fqdnProblem,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isQualifiedName,
  labelValueProblem,
  qualifiedNameProblem,
} from './names.js';

const LABEL_SHAPE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_SHAPE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const NAME_PART_SHAPE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_SHAPE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

describe('DNS-1123 labels', () => {
  test.each([
    { name: 'simple', value: 'default', want: undefined },
    { name: 'leading digit', value: '123-abc', want: undefined },
    { name: '63 characters', value: 'a'.repeat(63), want: undefined },
    { name: '64 characters', value: 'a'.repeat(64), want: 'must be no more than 63 characters' },
    { name: 'uppercase', value: 'Default', want: LABEL_SHAPE },
    { name: 'dot', value: 'my.ns', want: LABEL_SHAPE },
    { name: 'trailing dash', value: 'ns-', want: LABEL_SHAPE },
    { name: 'empty', value: '', want: LABEL_SHAPE },
  ])('$name', ({ value, want }) => {
    expect(dns1123LabelProblem(value)).toBe(want);
    expect(isDns1123Label(value)).toBe(want === undefined);
  });
});

describe('DNS-1123 subdomains', () => {
  test.each([
    { name: 'one label', value: 'hello', want: undefined },
    { name: 'dotted', value: 'my-sa.team', want: undefined },
    { name: '253 characters', value: `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, want: undefined },
    { name: '254 characters', value: 'a'.repeat(254), want: 'must be no more than 253 characters' },
    { name: 'underscore and uppercase', value: 'My_SA', want: SUBDOMAIN_SHAPE },
    { name: 'empty segment', value: 'a..b', want: SUBDOMAIN_SHAPE },
    { name: 'leading dot', value: '.a', want: SUBDOMAIN_SHAPE },
    { name: 'empty', value: '', want: SUBDOMAIN_SHAPE },
  ])('$name', ({ value, want }) => {
    expect(dns1123SubdomainProblem(value)).toBe(want);
    expect(isDns1123Subdomain(value)).toBe(want === undefined);
  });
});

describe('qualified names', () => {
  test.each([
    { name: 'plain name', value: 'app', want: undefined },
    { name: 'mixed case and punctuation', value: 'My_App.v-2', want: undefined },
    { name: 'with prefix', value: 'serving.knative.dev/service', want: undefined },
    { name: '63-character name part', value: `example.com/${'a'.repeat(63)}`, want: undefined },
    { name: 'two slashes', value: 'a/b/c', want: "a qualified name must consist of an optional DNS subdomain prefix and a name, separated by '/'" },
    { name: 'empty prefix', value: '/app', want: 'prefix part must be non-empty' },
    { name: 'uppercase prefix', value: 'Example.com/app', want: `prefix part ${SUBDOMAIN_SHAPE}` },
    { name: 'prefix too long', value: `${'a'.repeat(254)}/app`, want: 'prefix part must be no more than 253 characters' },
    { name: 'empty name part', value: 'example.com/', want: 'name part must be non-empty' },
    { name: 'empty', value: '', want: 'name part must be non-empty' },
    { name: 'name part too long', value: 'a'.repeat(64), want: 'name part must be no more than 63 characters' },
    { name: 'leading dash', value: '-bad', want: NAME_PART_SHAPE },
    { name: 'space', value: 'my app', want: NAME_PART_SHAPE },
  ])('$name', ({ value, want }) => {
    expect(qualifiedNameProblem(value)).toBe(want);
    expect(isQualifiedName(value)).toBe(want === undefined);
  });
});

describe('label values', () => {
  test.each([
    { name: 'empty', value: '', want: undefined },
    { name: 'one character', value: 'x', want: undefined },
    { name: 'mixed', value: 'Go_Sample.v-1', want: undefined },
    { name: '63 characters', value: 'a'.repeat(63), want: undefined },
    { name: '64 characters', value: 'a'.repeat(64), want: 'must be no more than 63 characters' },
    { name: 'slash', value: 'a/b', want: LABEL_VALUE_SHAPE },
    { name: 'trailing dot', value: 'v1.', want: LABEL_VALUE_SHAPE },
  ])('$name', ({ value, want }) => {
    expect(labelValueProblem(value)).toBe(want);
    expect(isLabelValue(value)).toBe(want === undefined);
  });
});

describe('fqdnProblem', () => {
  test.each([
    { name: 'two segments', value: 'example.com', want: undefined },
    { name: 'trailing dot', value: 'hello.example.com.', want: undefined },
    { name: 'empty', value: '', want: 'must not be empty' },
    { name: 'only a dot', value: '.', want: 'must not be empty' },
    { name: 'uppercase', value: 'Example.com', want: 'must be lowercase letters, digits, "-" and "."' },
    { name: 'one segment', value: 'localhost', want: 'must have at least two segments separated by dots' },
    { name: 'segment of 64 characters', value: `${'a'.repeat(64)}.com`, want: 'each segment must be at most 63 characters' },
  ])('$name', ({ value, want }) => {
    expect(fqdnProblem(value)).toBe(want);
  });
});
