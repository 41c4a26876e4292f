// deploy/core/config against @knot/api: the knative-serving config maps
// document exactly the defaults the parsers apply, every documented key is one
// knot reads, and nothing installed is a value the webhook would refuse.
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import {
  CONFIG_MAP_PARSERS,
  DEFAULT_CONFIG_AUTOSCALER,
  DEFAULT_CONFIG_DEFAULTS,
  DEFAULT_CONFIG_DEPLOYMENT,
  DEFAULT_CONFIG_DOMAIN,
  DEFAULT_CONFIG_FEATURES,
  DEFAULT_CONFIG_GC,
  DEFAULT_CONFIG_NETWORK,
  EXAMPLE_KEY,
  validateConfigMap,
  type KnownConfigMapName,
} from '../config/index.js';
import { CONFIG_DEPLOYMENT, CONFIG_DOMAIN, CONFIG_LEADER_ELECTION, CONFIG_LOGGING, CONFIG_OBSERVABILITY } from '../constants/config-maps.js';
import { at, isRecord, readKustomization, readManifests, type Manifest } from './kustomize-build.js';

const CONFIG_DIR = new URL('../../../../deploy/core/config/', import.meta.url);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** @knot/api's defaults of every config map it parses: what `_example` must document. */
const DEFAULTS: Readonly<Record<KnownConfigMapName, unknown>> = {
  'config-defaults': DEFAULT_CONFIG_DEFAULTS,
  'config-autoscaler': DEFAULT_CONFIG_AUTOSCALER,
  'config-network': DEFAULT_CONFIG_NETWORK,
  'config-domain': DEFAULT_CONFIG_DOMAIN,
  'config-gc': DEFAULT_CONFIG_GC,
  'config-features': DEFAULT_CONFIG_FEATURES,
  'config-deployment': DEFAULT_CONFIG_DEPLOYMENT,
};
const PARSED = Object.keys(DEFAULTS) as KnownConfigMapName[];
/** Config maps knot installs for Knative's tools but does not parse in @knot/api. */
const UNPARSED = [CONFIG_LOGGING, CONFIG_OBSERVABILITY, CONFIG_LEADER_ELECTION];
/**
 * Keys core sets outside the example: names every overlay replaces, like the
 * containers' `knot/<name>` images (deploy-manifests.test.ts checks that they do).
 */
const SET_IN_CORE: Partial<Record<string, Manifest>> = { [CONFIG_DEPLOYMENT]: { 'queue-sidecar-image': 'knot/queue-proxy' } };
/**
 * Snapshot fields no single documented key can change on its own, with why.
 * max-scale-limit: any limit above 0 also needs max-scale set within it.
 */
const NOT_CHANGEABLE_ALONE: Partial<Record<KnownConfigMapName, readonly string[]>> = { 'config-autoscaler': ['maxScaleLimit'] };

function configMap(name: string): { data: Manifest; example: string } {
  const docs = readManifests(new URL(`${name}.yaml`, CONFIG_DIR));
  expect(docs.map((d) => [d.kind, at(d, 'metadata', 'name'), at(d, 'metadata', 'namespace')])).toEqual([['ConfigMap', name, 'knative-serving']]);
  const data = at(docs[0], 'data');
  const example = at(data, EXAMPLE_KEY);
  if (!isRecord(data) || typeof example !== 'string') throw new Error(`${name}: data has no ${EXAMPLE_KEY} text`);
  return { data, example };
}

/** The example's `key: "value"` settings, which must be the defaults. */
function exampleSettings(name: string): Record<string, string> {
  const parsed: unknown = parse(configMap(name).example);
  // An example of comments only (a map knot does not read yet) documents no settings.
  if (parsed === null) return {};
  if (!isRecord(parsed)) throw new Error(`${name}: ${EXAMPLE_KEY} holds no settings`);
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value !== 'string') throw new Error(`${name}: ${EXAMPLE_KEY} ${key} must be a quoted string, got ${JSON.stringify(value)}`);
  }
  return parsed as Record<string, string>;
}

/** The example's `# key: "value"` lines: samples for settings unset by default. */
function exampleSamples(name: string): Record<string, string> {
  const lines = configMap(name).example.split('\n').map((l) => l.trim()).filter((l) => /^# [a-z][\w.-]*: "/.test(l));
  return Object.fromEntries(lines.map((l) => Object.entries(parse(l.slice(2)) as Record<string, string>)[0] ?? ['', '']));
}

/** What setting `data` does: the keys it is refused for, or the snapshot fields it moves off their defaults. */
function effect(name: KnownConfigMapName, data: Record<string, string>): { refused: string[]; changed: string[] } {
  const refused = validateConfigMap(name, data).map((e) => e.path);
  if (refused.length > 0) return { refused, changed: [] };
  const parsed = CONFIG_MAP_PARSERS[name](data) as unknown as Manifest;
  const defaults = DEFAULTS[name] as Manifest;
  return { refused, changed: Object.keys(defaults).filter((field) => !isDeepStrictEqual(parsed[field], defaults[field])) };
}

/** Values near `value` that a reader of its key should notice: a number one off, a flipped switch, a longer word. */
function nearby(value: string): string[] {
  const flips: Record<string, string> = { true: 'false', false: 'true', enabled: 'Disabled', disabled: 'Enabled' };
  const n = /\d+/.exec(value)?.[0];
  const numbers = n === undefined ? [] : [Number(n) + 1, Number(n) - 1].filter((m) => m >= 0).map((m) => value.replace(n, String(m)));
  return [...numbers, flips[value.toLowerCase()] ?? `${value}x`, 'none', 'Enabled', 'Disabled'];
}

describe('deploy/core/config', () => {
  test('holds every config map knot parses, and the logging, observability and leader-election maps', () => {
    const files = readKustomization(CONFIG_DIR).resources;
    expect(strings(files).sort()).toEqual([...Object.keys(CONFIG_MAP_PARSERS), ...UNPARSED].map((n) => `${n}.yaml`).sort());
  });

  test.each([...PARSED, ...UNPARSED])('%s holds its example, which is YAML of quoted strings, and only the keys overlays replace', (name) => {
    const { [EXAMPLE_KEY]: _example, ...set } = configMap(name).data;
    expect(set).toEqual(SET_IN_CORE[name] ?? {});
    expect(() => exampleSettings(name)).not.toThrow();
  });

  test.each(PARSED)('%s installs without a key the webhook would refuse', (name) => {
    const data = Object.fromEntries(Object.entries(configMap(name).data).map(([k, v]) => [k, String(v)]));
    expect(validateConfigMap(name, data)).toEqual([]);
  });

  test.each(PARSED)("%s documents @knot/api's defaults: its example settings parse to DEFAULT_CONFIG_*", (name) => {
    expect(CONFIG_MAP_PARSERS[name](exampleSettings(name))).toEqual(DEFAULTS[name]);
  });

  // config-domain's keys are domain names, so any key is "read"; its one example is the default above.
  const SETTINGS_MAPS = PARSED.filter((n) => n !== CONFIG_DOMAIN);

  test.each(SETTINGS_MAPS)('%s documents only keys knot reads, and every setting it has', (name) => {
    const settings = exampleSettings(name);
    const samples = exampleSamples(name);
    const changed = new Set<string>();
    const unread: string[] = [];
    for (const [key, value] of Object.entries(settings)) {
      const effects = nearby(value).map((v) => effect(name, { [key]: v }));
      effects.forEach((e) => e.changed.forEach((f) => changed.add(f)));
      if (!effects.some((e) => e.changed.length > 0 || e.refused.includes(key))) unread.push(key);
    }
    for (const [key, value] of Object.entries(samples)) {
      expect({ key, alsoSet: key in settings }).toEqual({ key, alsoSet: false });
      const e = effect(name, { [key]: value });
      // A sample must be a valid value that changes something, or the key is not one knot reads.
      if (e.changed.length === 0) unread.push(key);
      e.changed.forEach((f) => changed.add(f));
    }
    expect(unread).toEqual([]);
    const undocumented = Object.keys(DEFAULTS[name] as Manifest).filter((f) => !changed.has(f) && !NOT_CHANGEABLE_ALONE[name]?.includes(f));
    expect(undocumented).toEqual([]);
  });

  test('a misspelt key in an example would be caught', () => {
    expect(nearby('300').map((v) => effect('config-defaults', { 'revision-timeout-second': v })).every((e) => e.changed.length === 0 && e.refused.length === 0)).toBe(true);
  });
});
