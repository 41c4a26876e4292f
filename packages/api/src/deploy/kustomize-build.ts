// `kustomize build` of deploy/, for the tests that check what an install gets.
// It renders only the fields deploy/ uses: `resources` (files and folders),
// `patches` naming strategic-merge files that set map values, `images` and
// `replicas`. Anything else is refused by name, so a kustomization that starts
// using another field fails the tests instead of being rendered wrong.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export type Manifest = Record<string, unknown>;

export class KustomizationError extends Error {
  readonly code = 'KustomizationInvalid';
  constructor(where: string, problem: string) {
    super(`${where}: ${problem}`);
    this.name = 'KustomizationError';
  }
}

const FIELDS = new Set(['apiVersion', 'kind', 'resources', 'patches', 'images', 'replicas']);
const IMAGE_FIELDS = new Set(['name', 'newName', 'newTag']);
/** The kinds kustomize's `replicas` field sets. */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet']);

export const isRecord = (v: unknown): v is Manifest => typeof v === 'object' && v !== null && !Array.isArray(v);
const records = (v: unknown): Manifest[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);
/** The value at a path of map keys, undefined where the path leaves the maps. */
export const at = (value: unknown, ...keys: string[]): unknown => keys.reduce<unknown>((v, key) => (isRecord(v) ? v[key] : undefined), value);
const idOf = (doc: Manifest): string => {
  const namespace = at(doc, 'metadata', 'namespace');
  return `${String(doc.kind)} ${typeof namespace === 'string' ? namespace : ''}/${String(at(doc, 'metadata', 'name'))}`;
};

/** Every document of a YAML file, each a map. */
export function readManifests(file: URL): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((doc, i) => {
    if (doc.errors.length > 0) throw new KustomizationError(`${file.pathname} document ${i}`, doc.errors[0]?.message ?? 'does not parse');
    const value: unknown = doc.toJS();
    if (!isRecord(value)) throw new KustomizationError(`${file.pathname} document ${i}`, 'is not a map');
    return value;
  });
}

export function readKustomization(dir: URL): Manifest {
  const file = new URL('kustomization.yaml', dir);
  const [k] = readManifests(file);
  if (!k) throw new KustomizationError(file.pathname, 'is empty');
  const unknown = Object.keys(k).filter((f) => !FIELDS.has(f));
  if (unknown.length > 0) throw new KustomizationError(file.pathname, `fields this build does not render: ${unknown.join(', ')}`);
  return k;
}

/** The patch files a kustomization names; inline patches and targets are refused. */
function patchPaths(k: Manifest, where: string): string[] {
  return (Array.isArray(k.patches) ? k.patches : []).map((p) => {
    if (!isRecord(p) || typeof p.path !== 'string' || Object.keys(p).length !== 1) throw new KustomizationError(where, `patches: only { path } entries are rendered, got ${JSON.stringify(p)}`);
    return p.path;
  });
}

function existing(dir: URL, entry: string): URL {
  const target = new URL(entry, dir);
  if (!existsSync(target)) throw new KustomizationError(`${dir.pathname}kustomization.yaml`, `lists ${entry}, which does not exist`);
  return target;
}

/** Every file a kustomization reads (resources and patches), through nested kustomizations. */
export function listedFiles(dir: URL): URL[] {
  const k = readKustomization(dir);
  const where = `${dir.pathname}kustomization.yaml`;
  return [...strings(k.resources), ...patchPaths(k, where)].flatMap((entry) => {
    const target = existing(dir, entry);
    return statSync(target).isDirectory() ? listedFiles(new URL(`${entry}/`, dir)) : [target];
  });
}

/** What a kustomization installs: its resources with its patches, images and replicas applied. */
export function kustomizeBuild(dir: URL): Manifest[] {
  const k = readKustomization(dir);
  const where = `${dir.pathname}kustomization.yaml`;
  const docs = strings(k.resources).flatMap((entry) => {
    const target = existing(dir, entry);
    return statSync(target).isDirectory() ? kustomizeBuild(new URL(`${entry}/`, dir)) : readManifests(target);
  });
  for (const path of patchPaths(k, where)) for (const patch of readManifests(existing(dir, path))) applyPatch(docs, patch, `${where} patch ${path}`);
  for (const entry of records(k.images)) setImage(docs, entry, where);
  for (const entry of records(k.replicas)) setReplicas(docs, entry, where);
  return docs;
}

function applyPatch(docs: Manifest[], patch: Manifest, where: string): void {
  const targets = docs.filter((d) => idOf(d) === idOf(patch));
  if (targets.length !== 1) throw new KustomizationError(where, `matches ${targets.length} objects named ${idOf(patch)}, not one`);
  const i = docs.indexOf(targets[0] as Manifest);
  docs[i] = merge(targets[0] as Manifest, patch, where);
}

/** A strategic merge of maps: keys set, null deletes. Lists merge by strategy keys, which this build does not know. */
function merge(target: Manifest, patch: Manifest, where: string): Manifest {
  const out: Manifest = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (Array.isArray(value)) throw new KustomizationError(where, `sets the list ${key}; only map values are rendered`);
    if (value === null) delete out[key];
    else out[key] = isRecord(value) && isRecord(out[key]) ? merge(out[key], value, where) : value;
  }
  return out;
}

/** `name[:tag][@digest]` split at the tag, as kustomize matches image names. */
function imageName(image: string): string {
  const bare = image.split('@')[0] ?? image;
  const colon = bare.lastIndexOf(':');
  return colon > bare.lastIndexOf('/') ? bare.slice(0, colon) : bare;
}

function setImage(docs: Manifest[], entry: Manifest, where: string): void {
  const unknown = Object.keys(entry).filter((f) => !IMAGE_FIELDS.has(f));
  if (typeof entry.name !== 'string' || unknown.length > 0) throw new KustomizationError(where, `images: only name, newName and newTag are rendered, got ${JSON.stringify(entry)}`);
  const newName = typeof entry.newName === 'string' ? entry.newName : entry.name;
  for (const doc of docs) {
    const pod = at(doc, 'spec', 'template', 'spec');
    for (const c of [...records(at(pod, 'initContainers')), ...records(at(pod, 'containers'))]) {
      if (typeof c.image !== 'string' || imageName(c.image) !== entry.name) continue;
      const tag = typeof entry.newTag === 'string' ? `:${entry.newTag}` : c.image.slice(imageName(c.image).length);
      c.image = `${newName}${tag}`;
    }
  }
}

function setReplicas(docs: Manifest[], entry: Manifest, where: string): void {
  const targets = docs.filter((d) => SCALABLE.has(String(d.kind)) && at(d, 'metadata', 'name') === entry.name);
  if (targets.length === 0 || typeof entry.count !== 'number') throw new KustomizationError(where, `replicas: ${JSON.stringify(entry)} scales nothing`);
  for (const d of targets) d.spec = { ...(isRecord(d.spec) ? d.spec : {}), replicas: entry.count };
}
