import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { core, serving } from '@knot/api';
import { knotHarness } from '../testing/knot-harness.js';

const hello = (image = 'ghcr.io/knot/hello') => `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
        - image: ${image}
`;

const config = (name: string, ns?: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}data:
  key: value
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'knot-apply-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a multi-document file creates every object, in the current namespace unless it names one', async () => {
  const file = join(dir, 'all.yaml');
  await writeFile(file, `${hello()}---\n${config('settings')}---\n${config('other', 'team-a')}`);
  const h = knotHarness();
  const got = await h.run(['apply', '-f', file]);
  expect(got).toEqual({
    code: 0,
    err: '',
    out: ['service.serving.knative.dev/hello created', 'configmap/settings created', 'configmap/other created', ''].join('\n'),
  });
  expect((await h.store.get(serving.services, 'default', 'hello')).spec.template.spec.containers[0]?.image).toBe('ghcr.io/knot/hello');
  expect((await h.store.get(core.configMaps, 'team-a', 'other')).data).toEqual({ key: 'value' });
});

test('applying again reports unchanged, and a changed spec reports configured and keeps the resourceVersion chain', async () => {
  const file = join(dir, 'hello.yaml');
  await writeFile(file, hello());
  const h = knotHarness();
  await h.run(['apply', '-f', file]);
  const first = await h.store.get(serving.services, 'default', 'hello');
  expect((await h.run(['apply', '-f', file])).out).toBe('service.serving.knative.dev/hello unchanged\n');
  await writeFile(file, hello('ghcr.io/knot/hello:2'));
  expect((await h.run(['apply', '-f', file])).out).toBe('service.serving.knative.dev/hello configured\n');
  const second = await h.store.get(serving.services, 'default', 'hello');
  expect(second.spec.template.spec.containers[0]?.image).toBe('ghcr.io/knot/hello:2');
  expect(second.metadata?.uid).toBe(first.metadata?.uid);
  expect(Number(second.metadata?.resourceVersion)).toBeGreaterThan(Number(first.metadata?.resourceVersion));
});

test('a directory applies its .yaml, .yml and .json files in name order, and -R descends', async () => {
  await writeFile(join(dir, 'b.yml'), config('b'));
  await writeFile(join(dir, 'a.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }));
  await writeFile(join(dir, 'notes.txt'), 'not a manifest');
  await mkdir(join(dir, 'sub'));
  await writeFile(join(dir, 'sub', 'c.yaml'), config('c'));
  const h = knotHarness();
  expect((await h.run(['apply', '-f', dir])).out).toBe('configmap/a created\nconfigmap/b created\n');
  expect((await h.run(['apply', '-R', '-f', dir])).out).toBe('configmap/a unchanged\nconfigmap/b unchanged\nconfigmap/c created\n');
});

test('-f - reads stdin, and a List is split into its items', async () => {
  const h = knotHarness();
  const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' } }] });
  const got = await h.run(['apply', '-f', '-'], { stdin: list });
  expect(got.out).toBe('configmap/x created\nconfigmap/y created\n');
  expect(got.code).toBe(0);
});

test.each([
  { name: 'broken YAML', text: 'a: [1, 2', err: /STDIN: document 1: / },
  { name: 'no kind', text: 'apiVersion: v1\nmetadata: {name: x}\n', err: /STDIN: document 1: kind: Required value/ },
  { name: 'no name in the second document', text: `${config('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {}\n`, err: /STDIN: document 2: metadata.name: Required value/ },
  { name: 'a scalar document', text: 'just text', err: /STDIN: document 1: expected an object, got string/ },
])('a manifest with $name fails with exit 1 naming the document and field', async ({ text, err }) => {
  const h = knotHarness();
  const got = await h.run(['apply', '-f', '-'], { stdin: text });
  expect(got.code).toBe(1);
  expect(got.err).toMatch(err);
});

test('an unknown kind fails that object only; the others are applied and the exit code is 1', async () => {
  const h = knotHarness();
  const got = await h.run(['apply', '-f', '-'], { stdin: `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n---\n${config('fine')}` });
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/STDIN: document 1: no kind "Widget" in "example.com\/v1"/);
  expect(got.out).toBe('configmap/fine created\n');
});

test('API field errors keep their path', async () => {
  const h = knotHarness();
  const got = await h.run(['apply', '-f', '-'], { stdin: config('Not_A_Name') });
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/^Error from server \(Invalid\): error when applying "STDIN": ConfigMap "Not_A_Name" is invalid:\n {2}\* metadata\.name: /);
});

test('an object in another namespace than -n is refused', async () => {
  const h = knotHarness();
  const got = await h.run(['apply', '-n', 'default', '-f', '-'], { stdin: config('x', 'team-a') });
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/namespace "team-a" does not match --namespace "default"/);
});

test('a missing file exits 1 and names it; no -f exits 2', async () => {
  const h = knotHarness();
  const missing = await h.run(['apply', '-f', join(dir, 'nope.yaml')]);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/nope\.yaml: no such file or directory/);
  const none = await h.run(['apply']);
  expect(none.code).toBe(2);
  expect(none.err).toMatch(/missing -f/);
});

test("a field dropped from the manifest is removed; fields the manifest never set are kept", async () => {
  const h = knotHarness();
  await h.run(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1", b: "2"}\n' });
  const live = await h.store.get(core.configMaps, 'default', 'c');
  await h.store.update(core.configMaps, { ...live, metadata: { ...live.metadata, labels: { 'set-by': 'someone-else' } } });
  const got = await h.run(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n' });
  expect(got.out).toBe('configmap/c configured\n');
  const after = await h.store.get(core.configMaps, 'default', 'c');
  expect(after.data).toEqual({ a: '1' });
  expect(after.metadata?.labels).toEqual({ 'set-by': 'someone-else' });
  expect(JSON.parse(after.metadata?.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '{}')).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data: { a: '1' } });
});
