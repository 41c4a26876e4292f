// The real bin, as a child process, against knot's local API over HTTPS.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serving } from '@knot/api';
import { startApiServer, writeKubeconfig, type RunningApiServer } from '@knot/local';
import { MemoryStore, noopLogger } from '@knot/runtime';

const bin = new URL('../bin/knot.js', import.meta.url).pathname;
let store: MemoryStore;
let api: RunningApiServer;
let stop: AbortController;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  store = new MemoryStore({ initialNamespaces: ['default', 'knative-serving'] });
  stop = new AbortController();
  api = await startApiServer({ client: store, logger: noopLogger, signal: stop.signal, port: 0 });
  dir = await mkdtemp(join(tmpdir(), 'knot-bin-'));
  kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, { url: api.url, token: api.token, caCert: api.caCert, namespace: 'default' });
});

afterAll(async () => {
  stop.abort();
  await api.done;
  await rm(dir, { recursive: true, force: true });
});

function knot(argv: string[], stdin = ''): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...argv], { env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig }, cwd: dir });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(stdin);
  });
}

const manifest = `apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: hello
spec:
  template:
    spec:
      containers:
        - image: ghcr.io/knot/hello
          env:
            - name: TARGET
              value: knot
`;

test('apply from stdin, get, update, describe and delete through the kubeconfig', async () => {
  expect(await knot(['apply', '-f', '-'], manifest)).toEqual({ code: 0, err: '', out: 'service.serving.knative.dev/hello created\n' });
  // Admission ran on the way in: the container got its default name.
  expect((await store.get(serving.services, 'default', 'hello')).spec.template.spec.containers[0]?.name).toBe('user-container');
  expect(await knot(['apply', '-f', '-'], manifest)).toEqual({ code: 0, err: '', out: 'service.serving.knative.dev/hello unchanged\n' });
  expect(await knot(['get', 'ksvc', '-o', 'name'])).toEqual({ code: 0, err: '', out: 'service.serving.knative.dev/hello\n' });
  expect(await knot(['service', 'update', 'hello', '--env', 'TARGET-', '--env', 'MODE=prod', '--no-wait'])).toEqual({ code: 0, err: '', out: "Service 'hello' updated in namespace 'default'.\n" });
  expect((await store.get(serving.services, 'default', 'hello')).spec.template.spec.containers[0]?.env).toEqual([{ name: 'MODE', value: 'prod' }]);
  const described = await knot(['describe', 'ksvc', 'hello']);
  expect(described.code).toBe(0);
  expect(described.out).toMatch(/^Name: {9}hello\nNamespace: {4}default\n/);
  expect(described.out).toMatch(/\n {14}serving\.knative\.dev\/creator=knot-dev-admin\n/);
  expect(await knot(['delete', 'ksvc', 'hello'])).toEqual({ code: 0, err: '', out: 'service.serving.knative.dev "hello" deleted\n' });
}, 60_000);

test("admission's field errors reach the user with their path, exit 1", async () => {
  const got = await knot(['service', 'create', 'bad', '--image', 'img', '--concurrency-limit', '5000', '--no-wait']);
  expect(got.code).toBe(1);
  expect(got.err).toBe(
    'Error from server (BadRequest): admission webhook "validation.webhook.serving.knative.dev" denied the request: validation failed: spec.template.spec.containerConcurrency: must be between 0 and 1000, got 5000\n',
  );
}, 60_000);

test('a bad flag exits 2 before any request', async () => {
  const got = await knot(['get', 'ksvc', '--output']);
  expect(got).toEqual({ code: 2, out: '', err: "error: flag needs a value: -o, --output\nRun 'knot get --help' for usage.\n" });
}, 60_000);
