// Checks deploy/ as files: every kustomization resolves, every document is a
// Kubernetes object, and the knative-serving config maps document exactly
// @knot/api's defaults. The controller and webhook packages check their own
// RBAC and webhook registrations against their code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';
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
import { CONFIG_DOMAIN, CONFIG_LEADER_ELECTION, CONFIG_LOGGING, CONFIG_OBSERVABILITY } from '../constants/config-maps.js';

const DEPLOY = new URL('../../../../deploy/', import.meta.url);
const CONFIG_DIR = new URL('core/config/', DEPLOY);
const KUSTOMIZATIONS = ['core', 'overlays/kind', 'overlays/production'];

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
const rel = (url: URL): string => fileURLToPath(url).slice(fileURLToPath(DEPLOY).length);

function readDocs(url: URL): Json[] {
  return parseAllDocuments(readFileSync(url, 'utf8')).map((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`${rel(url)} document ${i}: ${doc.errors[0]?.message}`);
    const value: unknown = doc.toJS();
    if (!isRecord(value)) throw new Error(`${rel(url)} document ${i} is not a map`);
    return value;
  });
}

function readKustomization(dir: URL): Json {
  const [k] = readDocs(new URL('kustomization.yaml', dir));
  if (!k) throw new Error(`${rel(dir)}kustomization.yaml is empty`);
  return k;
}

/** The manifest files a kustomization includes, through nested kustomizations; throws naming a missing one. */
function resourceFiles(dir: URL): URL[] {
  const k = readKustomization(dir);
  const listed = [...strings(k.resources), ...(Array.isArray(k.patches) ? k.patches.map((p) => (isRecord(p) ? p.path : undefined)) : []).filter((p) => typeof p === 'string')];
  return listed.flatMap((entry) => {
    const target = new URL(entry, dir);
    if (!existsSync(target)) throw new Error(`${rel(dir)}kustomization.yaml lists ${entry}, which does not exist`);
    return statSync(target).isDirectory() ? resourceFiles(new URL(`${entry}/`, dir)) : [target];
  });
}

const docsOf = (kustomization: string): Json[] => resourceFiles(new URL(`${kustomization}/`, DEPLOY)).flatMap(readDocs);
const meta = (doc: Json): Json => (isRecord(doc.metadata) ? doc.metadata : {});
/** The value at a path of map keys, undefined where the path leaves the maps. */
const at = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);

describe('deploy kustomizations', () => {
  test.each(KUSTOMIZATIONS)('%s lists only files that exist', (k) => {
    expect(resourceFiles(new URL(`${k}/`, DEPLOY)).length).toBeGreaterThan(0);
  });

  test('every YAML file under core/ and overlays/ is listed by its kustomization', () => {
    const listed = new Set(KUSTOMIZATIONS.flatMap((k) => resourceFiles(new URL(`${k}/`, DEPLOY))).map((u) => u.href));
    const walk = (dir: URL): URL[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(new URL(`${e.name}/`, dir)) : e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml' ? [new URL(e.name, dir)] : [],
      );
    const orphans = [...walk(new URL('core/', DEPLOY)), ...walk(new URL('overlays/', DEPLOY))].filter((u) => !listed.has(u.href)).map(rel);
    expect(orphans).toEqual([]);
  });

  const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

  test.each(KUSTOMIZATIONS)('every document of %s is a uniquely named object, namespaced where its kind is', (k) => {
    const seen = new Set<string>();
    for (const doc of docsOf(k)) {
      const { name, namespace } = meta(doc);
      const id = `${String(doc.kind)} ${typeof namespace === 'string' ? namespace : ''}/${String(name)}`;
      expect({ id, apiVersion: typeof doc.apiVersion, kind: typeof doc.kind, name: typeof name }).toEqual({ id, apiVersion: 'string', kind: 'string', name: 'string' });
      // Explicit namespaces keep `kubectl apply -k` independent of the current context.
      expect({ id, namespaced: typeof namespace === 'string' }).toEqual({ id, namespaced: !CLUSTER_SCOPED.has(String(doc.kind)) });
      expect(seen.has(id) ? id : undefined).toBeUndefined();
      seen.add(id);
    }
  });

  test.each(['core/controller', 'core/webhook', 'core/config'])("every object in %s says it is part of knot and which component it belongs to", (dir) => {
    for (const doc of docsOf(dir)) {
      const labels = meta(doc).labels;
      const component = at(labels, 'app.kubernetes.io/component');
      expect({ name: meta(doc).name, partOf: at(labels, 'app.kubernetes.io/part-of'), component: typeof component }).toEqual({ name: meta(doc).name, partOf: 'knot', component: 'string' });
    }
  });

  const deployments = () => docsOf('core').filter((d) => d.kind === 'Deployment');
  const containers = (d: Json): Json[] => (Array.isArray(at(d, 'spec', 'template', 'spec', 'containers')) ? (at(d, 'spec', 'template', 'spec', 'containers') as unknown[]) : []).filter(isRecord);

  test.each(['overlays/kind', 'overlays/production'])('%s names the image of every container in core', (k) => {
    const images = readKustomization(new URL(`${k}/`, DEPLOY)).images;
    const renamed = (Array.isArray(images) ? images : []).filter(isRecord);
    expect(deployments().flatMap(containers).map((c) => c.image).sort()).toEqual(renamed.map((i) => i.name).sort());
    for (const i of renamed) expect([i.name, typeof i.newName, typeof i.newTag]).toEqual([i.name, 'string', 'string']);
  });

  test('production runs two of each Deployment, each with a disruption budget selecting its pods', () => {
    const k = readKustomization(new URL('overlays/production/', DEPLOY));
    const budgets = docsOf('overlays/production').filter((d) => d.kind === 'PodDisruptionBudget');
    for (const d of deployments()) {
      const name = meta(d).name;
      expect(Array.isArray(k.replicas) ? k.replicas : []).toContainEqual({ name, count: 2 });
      const podLabels = at(d, 'spec', 'template', 'metadata', 'labels');
      const selecting = budgets.filter((b) => {
        const wanted = at(b, 'spec', 'selector', 'matchLabels');
        return isRecord(wanted) && isRecord(podLabels) && Object.entries(wanted).every(([key, v]) => podLabels[key] === v);
      });
      expect({ name, budgets: selecting.length }).toEqual({ name, budgets: 1 });
    }
  });
});

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
 * Snapshot fields no single documented key can change on its own, with why.
 * max-scale-limit: any limit above 0 also needs max-scale set within it.
 */
const NOT_CHANGEABLE_ALONE: Partial<Record<KnownConfigMapName, readonly string[]>> = { 'config-autoscaler': ['maxScaleLimit'] };

function configMap(name: string): { data: Json; example: string } {
  const docs = readDocs(new URL(`${name}.yaml`, CONFIG_DIR));
  expect(docs.map((d) => [d.kind, meta(d).name, meta(d).namespace])).toEqual([['ConfigMap', name, 'knative-serving']]);
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
  const parsed = CONFIG_MAP_PARSERS[name](data) as unknown as Json;
  const defaults = DEFAULTS[name] as Json;
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

  test.each([...PARSED, ...UNPARSED])('%s holds only its example, which is YAML of quoted strings', (name) => {
    expect(Object.keys(configMap(name).data)).toEqual([EXAMPLE_KEY]);
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
    const undocumented = Object.keys(DEFAULTS[name] as Json).filter((f) => !changed.has(f) && !NOT_CHANGEABLE_ALONE[name]?.includes(f));
    expect(undocumented).toEqual([]);
  });

  test('a misspelt key in an example would be caught', () => {
    expect(nearby('300').map((v) => effect('config-defaults', { 'revision-timeout-second': v })).every((e) => e.changed.length === 0 && e.refused.length === 0)).toBe(true);
  });
});
