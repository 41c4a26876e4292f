// The build deploy's tests rely on: what it renders as kustomize does, and the
// fields it refuses by name rather than rendering wrong.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { at, kustomizeBuild, KustomizationError, listedFiles } from './kustomize-build.js';

const deployment = (name: string, image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ns}\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers: [{name: c, image: "${image}"}]\n`;
const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\ndata: {a: "1", b: "2"}\n';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'kustomize-build-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Writes files under the temporary root and returns the folder URL of `dir`. */
function tree(files: Record<string, string>, dir = 'overlay'): URL {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return pathToFileURL(join(root, dir, '/'));
}

const base = {
  'base/kustomization.yaml': 'resources: [app.yaml, cm.yaml]\n',
  'base/app.yaml': deployment('app', 'knot/app') + '---\n' + deployment('tagged', 'knot/app:v1@sha256:abc'),
  'base/cm.yaml': configMap,
};

describe('kustomizeBuild', () => {
  test('renders images, replicas and map patches over nested resources', () => {
    const dir = tree({
      ...base,
      'overlay/kustomization.yaml': 'resources: [../base]\nimages: [{name: knot/app, newName: reg.io/app, newTag: "2"}]\nreplicas: [{name: app, count: 3}]\npatches: [{path: p.yaml}]\n',
      'overlay/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\ndata: {a: "9", b: null}\n',
    });
    const docs = kustomizeBuild(dir);
    const image = (name: string) => at(docs.find((d) => at(d, 'metadata', 'name') === name), 'spec', 'template', 'spec', 'containers');
    expect(image('app')).toEqual([{ name: 'c', image: 'reg.io/app:2' }]);
    expect(image('tagged')).toEqual([{ name: 'c', image: 'reg.io/app:2' }]);
    expect(docs.map((d) => at(d, 'spec', 'replicas'))).toEqual([3, 1, undefined]);
    expect(at(docs[2], 'data')).toEqual({ a: '9' });
    expect(listedFiles(dir).map((u) => u.pathname.slice(root.length))).toEqual(['/base/app.yaml', '/base/cm.yaml', '/overlay/p.yaml']);
  });

  test('keeps a tag when an image entry names no new one', () => {
    const dir = tree({ ...base, 'overlay/kustomization.yaml': 'resources: [../base]\nimages: [{name: knot/app, newName: reg.io/app}]\n' });
    expect(kustomizeBuild(dir).map((d) => at(d, 'spec', 'template', 'spec', 'containers'))).toEqual([
      [{ name: 'c', image: 'reg.io/app' }],
      [{ name: 'c', image: 'reg.io/app:v1@sha256:abc' }],
      undefined,
    ]);
  });

  test.each([
    { name: 'an unrendered field', kustomization: 'resources: [../base]\nnamePrefix: x-\n', want: 'fields this build does not render: namePrefix' },
    { name: 'a missing resource', kustomization: 'resources: [../nowhere]\n', want: 'lists ../nowhere, which does not exist' },
    { name: 'an inline patch', kustomization: 'resources: [../base]\npatches: [{patch: "{}"}]\n', want: 'only { path } entries' },
    { name: 'a patch matching nothing', kustomization: 'resources: [../base]\npatches: [{path: other.yaml}]\n', want: 'matches 0 objects named ConfigMap ns/other' },
    { name: 'a patch setting a list', kustomization: 'resources: [../base]\npatches: [{path: list.yaml}]\n', want: 'sets the list items' },
    { name: 'an image digest', kustomization: 'resources: [../base]\nimages: [{name: knot/app, digest: "sha256:1"}]\n', want: 'only name, newName and newTag' },
    { name: 'replicas of nothing', kustomization: 'resources: [../base]\nreplicas: [{name: nothing, count: 2}]\n', want: 'scales nothing' },
  ])('refuses $name', ({ kustomization, want }) => {
    const dir = tree({
      ...base,
      'overlay/kustomization.yaml': kustomization,
      'overlay/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other, namespace: ns}\n',
      'overlay/list.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ns}\nitems: []\n',
    });
    let err: unknown;
    try {
      kustomizeBuild(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KustomizationError);
    const { code, message } = err as KustomizationError;
    expect(code).toBe('KustomizationInvalid');
    expect(message).toContain(want);
  });
});
