import fc from 'fast-check';
import { CONFIG_MAP_PARSERS, isKnownConfigMap, validateConfigMap } from './config-map-parsers.js';
import { DEFAULT_CONFIG_AUTOSCALER } from './config-autoscaler.js';
import { DEFAULT_CONFIG_DEFAULTS } from './config-defaults.js';
import { DEFAULT_CONFIG_DEPLOYMENT } from './config-deployment.js';
import { DEFAULT_CONFIG_DOMAIN } from './config-domain.js';
import { DEFAULT_CONFIG_FEATURES } from './config-features.js';
import { DEFAULT_CONFIG_GC } from './config-gc.js';
import { DEFAULT_CONFIG_NETWORK } from './config-network.js';
import { ConfigError } from './parse.js';
import type { ConfigData } from './parse.js';

const parsers = Object.entries(CONFIG_MAP_PARSERS).map(([name, parse]) => ({ name, parse: (d: ConfigData): object => parse(d) }));

test.each([
  { name: 'config-defaults', want: DEFAULT_CONFIG_DEFAULTS },
  { name: 'config-autoscaler', want: DEFAULT_CONFIG_AUTOSCALER },
  { name: 'config-network', want: DEFAULT_CONFIG_NETWORK },
  { name: 'config-domain', want: DEFAULT_CONFIG_DOMAIN },
  { name: 'config-gc', want: DEFAULT_CONFIG_GC },
  { name: 'config-features', want: DEFAULT_CONFIG_FEATURES },
  { name: 'config-deployment', want: DEFAULT_CONFIG_DEPLOYMENT },
])('$name by name: empty data gives the defaults', ({ name, want }) => {
  expect(isKnownConfigMap(name)).toBe(true);
  expect(CONFIG_MAP_PARSERS[name as keyof typeof CONFIG_MAP_PARSERS]({})).toEqual(want);
});

// Snapshots are shared between reconcilers, so no part of one may change.
test.each(parsers)('$name: the snapshot is deeply frozen', ({ parse }) => {
  const snap = parse({});
  expect(() => Object.assign(snap, { anything: 1 })).toThrow(TypeError);
  for (const value of Object.values(snap)) {
    if (typeof value === 'object' && value !== null) expect(Object.isFrozen(value)).toBe(true);
  }
});

test('list values inside snapshots cannot be changed', () => {
  const deployment = CONFIG_MAP_PARSERS['config-deployment']({ 'registries-skipping-tag-resolving': 'a.io' });
  expect(() => (deployment.registriesSkippingTagResolving as string[]).push('b.io')).toThrow(TypeError);
  const domain = CONFIG_MAP_PARSERS['config-domain']({ 'example.com': 'selector:\n  app: x\n' });
  expect(() => {
    (domain.domains[0]!.selector as Record<string, string>).app = 'y';
  }).toThrow(TypeError);
});

test.each<{ name: string; map: string; data: Record<string, string>; want: unknown[] }>([
  { name: 'valid map', map: 'config-gc', data: { 'min-non-active-revisions': '5' }, want: [] },
  { name: 'invalid map', map: 'config-gc', data: { 'min-non-active-revisions': 'x' }, want: [{ path: 'min-non-active-revisions', message: 'not an integer: "x"' }] },
  { name: 'unknown map', map: 'config-observability', data: { anything: 'x' }, want: [] },
])('validateConfigMap: $name', ({ map, data, want }) => {
  expect(validateConfigMap(map, data)).toEqual(want);
});

// Keys from every parser plus arbitrary ones, so random maps hit real settings.
const KEYS = [
  'revision-timeout-seconds', 'container-concurrency', 'container-name-template', 'enable-service-links',
  'stable-window', 'container-concurrency-target-percentage', 'initial-scale', 'max-scale', 'max-scale-limit',
  'domain-template', 'tag-template', 'http-protocol', 'namespace-wildcard-cert-selector', 'rollout-duration',
  'retain-since-create-time', 'max-non-active-revisions', 'multi-container', 'secure-pod-defaults',
  'runtime-class-name', 'progress-deadline', 'queue-sidecar-cpu-request', 'example.com', '_example', '__proto__', 'toString',
];
const VALUES = fc.oneof(
  fc.string(),
  fc.constantFrom('', '0', '-1', '1e400', 'NaN', '60s', '1h', 'true', 'enabled', '{{.Name}}', '{{', 'selector:\n  a: b', '[', '- x', '~', '25m'),
);
const DATA = fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), VALUES, { maxKeys: 8 });

test.each(parsers)('$name: random data only ever fails with ConfigError', ({ parse }) => {
  fc.assert(
    fc.property(DATA, (data) => {
      try {
        parse(data);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        expect(err.code).toBe('InvalidConfig');
        expect(err.errors.length).toBeGreaterThan(0);
      }
    }),
    { numRuns: 300 },
  );
});
