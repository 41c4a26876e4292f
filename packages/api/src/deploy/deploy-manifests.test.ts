// Checks deploy/ as kustomize builds it: every kustomization resolves, every
// document is a Kubernetes object, core installs every component with bounded
// resources, each overlay names every image (the queue-proxy's too), and
// production runs the replicas and disruption budgets each component can
// take. core-config.test.ts checks the config maps; each component checks its
// own RBAC, Deployment and Services against its code.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KNOT_QUEUE_PROXY_IMAGE } from '../config/index.js';
import { CONFIG_DEPLOYMENT } from '../constants/config-maps.js';
import { at, isRecord, kustomizeBuild, listedFiles, readKustomization, type Manifest } from './kustomize-build.js';

const DEPLOY = new URL('../../../../deploy/', import.meta.url);
const KUSTOMIZATIONS = ['core', 'overlays/kind', 'overlays/production'];
const OVERLAYS = ['overlays/kind', 'overlays/production'];
/** Each a folder of core with a Deployment of its name running the image `knot/<name>`. */
const COMPONENTS = ['controller', 'webhook', 'activator', 'autoscaler', 'gateway'];
/** Revision pods' sidecar: not a Deployment of core, named in config-deployment. */
const QUEUE_PROXY = 'queue-proxy';

/** What production runs of each Deployment. */
const PRODUCTION_REPLICAS = [
  { name: 'controller', replicas: 2 }, // a leader and a standby
  { name: 'webhook', replicas: 2 },
  { name: 'activator', replicas: 2 },
  { name: 'gateway', replicas: 2 },
  // Activator stats reach one replica and are not forwarded to the leader
  // (docs/components/autoscaler.md), so a standby would lose some.
  { name: 'autoscaler', replicas: 1 },
];

const rel = (url: URL): string => fileURLToPath(url).slice(fileURLToPath(DEPLOY).length);
const built = new Map<string, Manifest[]>();
/** A kustomization's output, built once per test file; tests only read it. */
const build = (k: string): Manifest[] => built.get(k) ?? built.set(k, kustomizeBuild(new URL(`${k}/`, DEPLOY))).get(k) ?? [];
const list = (v: unknown): Manifest[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const nameOf = (doc: Manifest): unknown => at(doc, 'metadata', 'name');
const deployments = (k: string): Manifest[] => build(k).filter((d) => d.kind === 'Deployment');
const containers = (d: Manifest): Manifest[] => [...list(at(d, 'spec', 'template', 'spec', 'initContainers')), ...list(at(d, 'spec', 'template', 'spec', 'containers'))];
const queueSidecarImage = (k: string): unknown => at(build(k).find((d) => d.kind === 'ConfigMap' && nameOf(d) === CONFIG_DEPLOYMENT), 'data', 'queue-sidecar-image');
/** Whether a label selector's matchLabels pick the pods of a Deployment (and it uses nothing else). */
const selects = (selector: unknown, d: Manifest): boolean => {
  const labels = at(d, 'spec', 'template', 'metadata', 'labels');
  const wanted = at(selector, 'matchLabels');
  return isRecord(selector) && Object.keys(selector).length === 1 && isRecord(wanted) && isRecord(labels) && Object.entries(wanted).every(([k, v]) => labels[k] === v);
};

/** The registry path and tag an overlay installs from: every `knot/<name>` becomes `<registry>/<name>:<tag>`. */
function releaseOf(overlay: string): { registry: string; tag: string } {
  const entries = list(readKustomization(new URL(`${overlay}/`, DEPLOY)).images);
  const registries = new Set(entries.map((i) => String(i.newName).slice(0, -String(i.name).replace(/^knot\//, '').length - 1)));
  const tags = new Set(entries.map((i) => String(i.newTag)));
  expect({ overlay, registries: registries.size, tags: tags.size }).toEqual({ overlay, registries: 1, tags: 1 });
  return { registry: [...registries][0] ?? '', tag: [...tags][0] ?? '' };
}

describe('deploy kustomizations', () => {
  test.each(KUSTOMIZATIONS)('%s lists only files that exist', (k) => {
    expect(listedFiles(new URL(`${k}/`, DEPLOY)).length).toBeGreaterThan(0);
  });

  test('every YAML file under core/ and overlays/ is listed by its kustomization', () => {
    const listed = new Set(KUSTOMIZATIONS.flatMap((k) => listedFiles(new URL(`${k}/`, DEPLOY))).map((u) => u.href));
    const walk = (dir: URL): URL[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(new URL(`${e.name}/`, dir)) : e.name.endsWith('.yaml') && e.name !== 'kustomization.yaml' ? [new URL(e.name, dir)] : [],
      );
    const orphans = [...walk(new URL('core/', DEPLOY)), ...walk(new URL('overlays/', DEPLOY))].filter((u) => !listed.has(u.href)).map(rel);
    expect(orphans).toEqual([]);
  });

  const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

  test.each(KUSTOMIZATIONS)('every object %s installs is uniquely named, namespaced where its kind is', (k) => {
    const seen = new Set<string>();
    for (const doc of build(k)) {
      const namespace = at(doc, 'metadata', 'namespace');
      const id = `${String(doc.kind)} ${typeof namespace === 'string' ? namespace : ''}/${String(nameOf(doc))}`;
      expect({ id, apiVersion: typeof doc.apiVersion, kind: typeof doc.kind, name: typeof nameOf(doc) }).toEqual({ id, apiVersion: 'string', kind: 'string', name: 'string' });
      // Explicit namespaces keep `kubectl apply -k` independent of the current context.
      expect({ id, namespaced: typeof namespace === 'string' }).toEqual({ id, namespaced: !CLUSTER_SCOPED.has(String(doc.kind)) });
      expect(seen.has(id) ? id : undefined).toBeUndefined();
      seen.add(id);
    }
  });

  test('core installs one Deployment per component, each running its own placeholder image', () => {
    expect(deployments('core').map((d) => [nameOf(d), containers(d).map((c) => c.image)]).sort()).toEqual(COMPONENTS.map((c) => [c, [`knot/${c}`]]).sort());
  });

  test.each(COMPONENTS)('every object in core/%s says it is part of knot and belongs to that component', (c) => {
    for (const doc of build(`core/${c}`)) {
      const labels = at(doc, 'metadata', 'labels');
      expect({ name: nameOf(doc), partOf: at(labels, 'app.kubernetes.io/part-of'), component: at(labels, 'app.kubernetes.io/component') }).toEqual({ name: nameOf(doc), partOf: 'knot', component: c });
    }
  });

  test('every object in core/config says it is part of knot and which component reads it', () => {
    for (const doc of build('core/config')) {
      const labels = at(doc, 'metadata', 'labels');
      expect({ name: nameOf(doc), partOf: at(labels, 'app.kubernetes.io/part-of'), component: typeof at(labels, 'app.kubernetes.io/component') }).toEqual({ name: nameOf(doc), partOf: 'knot', component: 'string' });
    }
  });

  test.each(COMPONENTS)('the %s containers request and are limited in CPU and memory', (c) => {
    const d = deployments('core').find((x) => nameOf(x) === c);
    for (const container of d ? containers(d) : []) {
      const r = at(container, 'resources');
      const set = (kind: string) => ['cpu', 'memory'].filter((res) => typeof at(r, kind, res) === 'string');
      expect({ container: container.name, requests: set('requests'), limits: set('limits') }).toEqual({ container: container.name, requests: ['cpu', 'memory'], limits: ['cpu', 'memory'] });
    }
  });
});

describe.each(OVERLAYS)('%s', (overlay) => {
  test('names the image of every container in core through images:, and no other', () => {
    const named = list(readKustomization(new URL(`${overlay}/`, DEPLOY)).images).map((i) => i.name);
    expect(named.sort()).toEqual(deployments('core').flatMap(containers).map((c) => c.image).sort());
  });

  test('installs every component from one registry path with one tag', () => {
    const { registry, tag } = releaseOf(overlay);
    expect(deployments(overlay).map((d) => [nameOf(d), containers(d).map((c) => c.image)]).sort()).toEqual(COMPONENTS.map((c) => [c, [`${registry}/${c}:${tag}`]]).sort());
  });

  test("sets config-deployment's queue-sidecar-image to the queue-proxy of the same release", () => {
    const { registry, tag } = releaseOf(overlay);
    expect(queueSidecarImage('core')).toBe(`knot/${QUEUE_PROXY}`);
    expect(queueSidecarImage(overlay)).toBe(`${registry}/${QUEUE_PROXY}:${tag}`);
  });
});

describe('overlays/production', () => {
  const PROD = 'overlays/production';
  const replicasOf = (name: string): unknown => at(deployments(PROD).find((d) => nameOf(d) === name), 'spec', 'replicas');
  const budgetsFor = (d: Manifest): Manifest[] =>
    build(PROD).filter((b) => b.kind === 'PodDisruptionBudget' && at(b, 'metadata', 'namespace') === at(d, 'metadata', 'namespace') && selects(at(b, 'spec', 'selector'), d));

  test('says for every Deployment how many replicas it runs', () => {
    expect(deployments(PROD).map(nameOf).sort()).toEqual(PRODUCTION_REPLICAS.map((r) => r.name).sort());
  });

  test.each(PRODUCTION_REPLICAS)('runs $replicas of $name', ({ name, replicas }) => {
    expect(replicasOf(name)).toBe(replicas);
  });

  test.each(PRODUCTION_REPLICAS)('$name, if it runs several replicas, has a disruption budget that keeps one and lets a drain evict one', ({ name, replicas }) => {
    const d = deployments(PROD).find((x) => nameOf(x) === name);
    const budgets = (d ? budgetsFor(d) : []).map((b) => {
      const [minAvailable, maxUnavailable] = [at(b, 'spec', 'minAvailable'), at(b, 'spec', 'maxUnavailable')];
      // Pods a drain may evict at once; percentages are not used here.
      const evictable = typeof minAvailable === 'number' ? replicas - minAvailable : typeof maxUnavailable === 'number' ? maxUnavailable : NaN;
      return { evictable: evictable >= 1, keepsOne: evictable <= replicas - 1 };
    });
    // With one replica any budget keeping a pod would block every node drain.
    expect(budgets).toEqual(replicas < 2 ? [] : [{ evictable: true, keepsOne: true }]);
  });

  test('every Deployment running several replicas prefers them on different nodes', () => {
    const spread = deployments(PROD)
      .filter((d) => Number(at(d, 'spec', 'replicas')) >= 2)
      .map((d) => {
        const terms = list(at(d, 'spec', 'template', 'spec', 'affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'));
        return [nameOf(d), terms.some((t) => at(t, 'podAffinityTerm', 'topologyKey') === 'kubernetes.io/hostname' && selects(at(t, 'podAffinityTerm', 'labelSelector'), d))];
      });
    expect(spread).toEqual(spread.map(([name]) => [name, true]));
  });

  test("installs the released queue-proxy, the one knot runs when config-deployment does not name one", () => {
    expect(queueSidecarImage(PROD)).toBe(KNOT_QUEUE_PROXY_IMAGE);
  });
});
