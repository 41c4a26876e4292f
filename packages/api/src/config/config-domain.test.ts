import { DEFAULT_CONFIG_DOMAIN, domainFor, parseConfigDomain } from './config-domain.js';
import { ConfigError } from './parse.js';

test('no entries: routes live under svc.cluster.local', () => {
  expect(DEFAULT_CONFIG_DOMAIN).toEqual({
    domains: [{ name: 'svc.cluster.local', selector: {}, type: 'wildcard' }],
    clusterLocalDomain: 'svc.cluster.local',
  });
  expect(parseConfigDomain({ _example: 'example.com: |' })).toEqual(DEFAULT_CONFIG_DOMAIN);
  expect(domainFor(parseConfigDomain(undefined, 'corp.internal'))).toBe('svc.corp.internal');
});

const config = parseConfigDomain({
  'example.com': '',
  'example.org': 'selector:\n  app: nonprofit\n',
  'shop.example.org': 'selector:\n  app: nonprofit\n  tier: shop\ntype: wildcard\n',
  'a.example.org': 'selector:\n  app: nonprofit\n',
});

test('an explicit default replaces svc.cluster.local', () => {
  expect(config.domains.map((d) => d.name)).toEqual(['a.example.org', 'example.com', 'example.org', 'shop.example.org']);
  expect(config.domains.find((d) => d.name === 'example.com')?.type).toBe('wildcard');
});

test.each<{ name: string; labels: Record<string, string>; want: string }>([
  { name: 'no labels get the default', labels: {}, want: 'example.com' },
  { name: 'unmatched labels get the default', labels: { app: 'other' }, want: 'example.com' },
  { name: 'ties go to the alphabetically first domain', labels: { app: 'nonprofit' }, want: 'a.example.org' },
  { name: 'the most specific selector wins', labels: { app: 'nonprofit', tier: 'shop' }, want: 'shop.example.org' },
  {
    name: 'cluster-local routes get the cluster domain',
    labels: { app: 'nonprofit', 'networking.knative.dev/visibility': 'cluster-local' },
    want: 'svc.cluster.local',
  },
])('domainFor: $name', ({ labels, want }) => {
  expect(domainFor(config, labels)).toBe(want);
});

test.each<{ name: string; data: Record<string, string>; path: string; message: RegExp }>([
  { name: 'not YAML', data: { 'example.com': 'selector: [' }, path: 'example.com', message: /not valid YAML/ },
  { name: 'a template, which YAML reads as a map key', data: { 'example.com': '{{.Name}}' }, path: 'example.com', message: /map keys must be plain values/ },
  { name: 'a list', data: { 'example.com': '- a' }, path: 'example.com', message: /must be empty or a map/ },
  { name: 'a non-string label value', data: { 'example.com': 'selector:\n  app: 1\n' }, path: 'example.com', message: /must be a string/ },
  { name: 'a bad label key', data: { 'example.com': 'selector:\n  "-bad": x\n' }, path: 'example.com', message: /not a valid label key/ },
])('rejects $name', ({ data, path, message }) => {
  expect(() => parseConfigDomain(data)).toThrow(ConfigError);
  try {
    parseConfigDomain(data);
  } catch (err) {
    expect((err as ConfigError).errors).toEqual([{ path, message: expect.stringMatching(message) as unknown }]);
  }
});
