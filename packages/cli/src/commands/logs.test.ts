import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { core, serving } from '@knot/api';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { stringify } from 'yaml';
import { runCli } from '../cli.js';
import type { LogOptions, PodLogs } from '../logs/pod-logs.js';
import { knotHarness, seed } from '../testing/knot-harness.js';

/** Logs kept in memory per pod/container; records what was asked. */
class MemoryLogs implements PodLogs {
  readonly asked: { pod: string; opts: Omit<LogOptions, 'signal'> }[] = [];
  constructor(readonly text: Record<string, string>) {}
  stream(_ns: string, pod: string, opts: LogOptions, onData: (chunk: string) => void): Promise<void> {
    const { signal: _s, ...rest } = opts;
    this.asked.push({ pod, opts: rest });
    const text = this.text[`${pod}/${opts.container ?? ''}`] ?? '';
    // Two chunks that split a line, as a network would.
    onData(text.slice(0, 3));
    onData(text.slice(3));
    return Promise.resolve();
  }
}

const pod = (name: string, labels: Record<string, string>, containers = ['user-container', 'queue-proxy']): Pod => ({
  metadata: { name, namespace: 'default', labels },
  spec: { containers: containers.map((c) => ({ name: c, image: 'img' })) },
});

async function withPods(logs: MemoryLogs) {
  const h = knotHarness({ logs });
  await h.store.create(serving.services, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [] } } } });
  await h.store.create(serving.revisions, { metadata: { name: 'hello-00001', namespace: 'default' }, spec: { containers: [] } });
  await seed(h.store, core.pods, pod('hello-00001-a', { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/revision': 'hello-00001' }));
  await seed(h.store, core.pods, pod('hello-00002-b', { 'serving.knative.dev/service': 'hello', 'serving.knative.dev/revision': 'hello-00002' }));
  await seed(h.store, core.pods, pod('single', {}, ['app']));
  return h;
}

test('ksvc/NAME reads every pod of the service, user-container by default, lines prefixed', async () => {
  const logs = new MemoryLogs({ 'hello-00001-a/user-container': 'one\ntwo\n', 'hello-00002-b/user-container': 'three\npartial' });
  const h = await withPods(logs);
  const got = await h.run(['logs', 'ksvc/hello', '--tail', '5']);
  expect(got.code).toBe(0);
  expect(got.out).toBe('[pod/hello-00001-a/user-container] one\n[pod/hello-00001-a/user-container] two\n[pod/hello-00002-b/user-container] three\n[pod/hello-00002-b/user-container] partial\n');
  expect(logs.asked).toEqual([
    { pod: 'hello-00001-a', opts: { container: 'user-container', follow: false, tailLines: 5 } },
    { pod: 'hello-00002-b', opts: { container: 'user-container', follow: false, tailLines: 5 } },
  ]);
});

test('rev/NAME reads its pods only; -c picks the container; one pod prints lines as they are', async () => {
  const logs = new MemoryLogs({ 'hello-00001-a/queue-proxy': 'qp line\n' });
  const h = await withPods(logs);
  expect(await h.run(['logs', 'rev/hello-00001', '-c', 'queue-proxy'])).toEqual({ code: 0, err: '', out: 'qp line\n' });
});

test("a pod by name uses its only container", async () => {
  const logs = new MemoryLogs({ 'single/app': 'hi\n' });
  const h = await withPods(logs);
  expect((await h.run(['logs', 'single'])).out).toBe('hi\n');
});

test.each([
  { name: 'a service without pods', argv: ['logs', 'ksvc/idle'], code: 1, err: /NotFound/ },
  { name: 'a missing pod', argv: ['logs', 'nope'], code: 1, err: /Error from server \(NotFound\)/ },
  { name: 'no target', argv: ['logs'], code: 2, err: /missing the pod, ksvc\/NAME or rev\/NAME/ },
  { name: 'a kind without pods', argv: ['logs', 'cm/x'], code: 2, err: /logs of a configmap: give a pod/ },
])('$name', async ({ argv, code, err }) => {
  const h = await withPods(new MemoryLogs({}));
  const got = await h.run(argv);
  expect(got.code).toBe(code);
  expect(got.err).toMatch(err);
});

test('a service scaled to zero says so', async () => {
  const h = knotHarness({ logs: new MemoryLogs({}) });
  await h.store.create(serving.services, { metadata: { name: 'idle', namespace: 'default' }, spec: { template: { spec: { containers: [] } } } });
  const got = await h.run(['logs', 'ksvc/idle']);
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/service.serving.knative.dev\/idle has no pods; it may be scaled to zero/);
});

describe('over HTTP, from a kubeconfig', () => {
  let server: http.Server;
  let dir: string;
  let kubeconfig: string;
  const seen: { url: string; auth: string | undefined }[] = [];
  let followers: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization });
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname === '/api/v1/namespaces/team-a/pods/web-1') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(pod('web-1', {})));
      }
      if (url.pathname === '/api/v1/namespaces/team-a/pods/web-1/log') {
        res.setHeader('content-type', 'text/plain');
        if (url.searchParams.get('follow') === 'true') {
          res.write('first\n');
          followers.push(res);
          return;
        }
        return res.end('line a\nline b\n');
      }
      res.statusCode = 404;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'pods "ghost" not found' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    dir = await mkdtemp(join(tmpdir(), 'knot-logs-'));
    kubeconfig = join(dir, 'config');
    await writeFile(
      kubeconfig,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'c', cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'u', user: { token: 'secret-token' } }],
        contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u', namespace: 'team-a' } }],
        'current-context': 'ctx',
      }),
    );
  });

  afterAll(async () => {
    for (const f of followers) f.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  async function knot(argv: string[], signal?: AbortSignal, onOut?: (all: string) => void) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (c: Buffer) => {
      out += c.toString();
      onOut?.(out);
    });
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCli(argv, { stdout, stderr, env: { KUBECONFIG: kubeconfig }, cwd: dir, ...(signal ? { signal } : {}) });
    return { code, out, err };
  }

  test("reads the pods/log subresource in the context's namespace with the token", async () => {
    seen.length = 0;
    expect(await knot(['logs', 'web-1', '--tail', '2'])).toEqual({ code: 0, err: '', out: 'line a\nline b\n' });
    expect(seen).toEqual([
      { url: '/api/v1/namespaces/team-a/pods/web-1', auth: 'Bearer secret-token' },
      { url: '/api/v1/namespaces/team-a/pods/web-1/log?container=user-container&tailLines=2', auth: 'Bearer secret-token' },
    ]);
  });

  test('-f follows until interrupted', async () => {
    const interrupt = new AbortController();
    const got = await knot(['logs', 'web-1', '-f', '-c', 'app'], interrupt.signal, (all) => {
      if (all.includes('first\n')) {
        followers[0]?.write('second\n');
        if (all.includes('second\n')) interrupt.abort();
      }
    });
    expect(got).toEqual({ code: 0, err: '', out: 'first\nsecond\n' });
    expect(seen.at(-1)?.url).toBe('/api/v1/namespaces/team-a/pods/web-1/log?container=app&follow=true');
    followers = [];
  });

  test('a server error exits 1 with its Status', async () => {
    const got = await knot(['logs', 'ghost']);
    expect(got).toEqual({ code: 1, out: '', err: 'Error from server (NotFound): pods "ghost" not found\n' });
  });

  test('a missing kubeconfig exits 1 and says how to get one', async () => {
    const got = await knot(['get', 'ksvc', '--kubeconfig', join(dir, 'missing')]);
    expect(got.code).toBe(1);
    expect(got.err).toMatch(/no kubeconfig at .*missing; start a local platform with `knot dev` or pass --kubeconfig/);
  });

  test('an unknown --context exits 1 and names it', async () => {
    const got = await knot(['get', 'ksvc', '--context', 'elsewhere']);
    expect(got.code).toBe(1);
    expect(got.err).toMatch(/--context: no context named "elsewhere"/);
  });
});
