import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { core, serving, type KubeObject } from '@knot/api';
import { errorOf } from '../memory/test-fixtures.js';
import { KubeClient } from './kube-client.js';
import { ScriptedApiserver, statusBody } from './testing/scripted-apiserver.js';

const svc = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'serving.knative.dev/v1',
  kind: 'Service',
  metadata: { name, namespace: 'default', resourceVersion: '5' },
  ...extra,
});

let server: ScriptedApiserver;
let client: KubeClient;

beforeEach(async () => {
  server = await new ScriptedApiserver().start();
  client = new KubeClient(server.kubeConfig('s3cret'));
});

afterEach(async () => {
  client.close();
  await server.stop();
});

describe('reads', () => {
  test('get addresses the object and sends the kubeconfig token', async () => {
    server.answer({ status: 200, body: svc('hello') });
    const got = await client.get(serving.services, 'default', 'hello');
    expect(got.metadata?.name).toBe('hello');
    expect(server.seen[0]).toMatchObject({ method: 'GET', path: '/apis/serving.knative.dev/v1/namespaces/default/services/hello' });
    expect(server.seen[0]!.headers.authorization).toBe('Bearer s3cret');
  });

  test('list sends selectors and fills type meta of built-in items', async () => {
    server.answer({ status: 200, body: { kind: 'PodList', apiVersion: 'v1', metadata: { resourceVersion: '99' }, items: [{ metadata: { name: 'p1' } }] } });
    const list = await client.list(core.pods, 'ns1', { labelSelector: 'app=hello,tier in (web)', fieldSelector: 'metadata.name=p1' });
    expect(server.seen[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/namespaces/ns1/pods',
      query: { labelSelector: 'app=hello,tier in (web)', fieldSelector: 'metadata.name=p1' },
    });
    expect(list).toEqual({ resourceVersion: '99', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p1' } }] });
  });

  test.each([
    { name: 'cluster-scoped get ignores the namespace', call: (c: KubeClient) => c.get(core.namespaces, 'default', 'team-a'), path: '/api/v1/namespaces/team-a' },
    { name: 'list across all namespaces', call: (c: KubeClient) => c.list(serving.services), path: '/apis/serving.knative.dev/v1/services' },
    { name: 'cluster-scoped list', call: (c: KubeClient) => c.list(core.namespaces), path: '/api/v1/namespaces' },
  ])('$name', async ({ call, path }) => {
    server.answer({ status: 200, body: { metadata: { name: 'team-a' }, items: [] } });
    await call(client);
    expect(server.seen[0]!.path).toBe(path);
  });
});

describe('writes', () => {
  test('create with generateName and dry run', async () => {
    server.answer({ status: 201, body: svc('hello-x7k2p') });
    const obj: KubeObject = { metadata: { generateName: 'hello-', namespace: 'default' } };
    const created = await client.create(serving.services, obj, { dryRun: true });
    expect(created.metadata?.name).toBe('hello-x7k2p');
    expect(server.seen[0]).toMatchObject({
      method: 'POST',
      path: '/apis/serving.knative.dev/v1/namespaces/default/services',
      query: { dryRun: 'All' },
      body: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { generateName: 'hello-', namespace: 'default' } },
    });
    expect(server.seen[0]!.headers['content-type']).toBe('application/json');
  });

  test('update is a PUT of the object and updateStatus a PUT of /status', async () => {
    server.answer({ status: 200, body: svc('hello') }, { status: 200, body: svc('hello') });
    await client.update(serving.services, svc('hello', { spec: { a: 1 } }));
    await client.updateStatus(serving.services, svc('hello', { status: { observedGeneration: 2 } }));
    expect(server.seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /apis/serving.knative.dev/v1/namespaces/default/services/hello',
      'PUT /apis/serving.knative.dev/v1/namespaces/default/services/hello/status',
    ]);
    expect(server.seen[1]!.body).toMatchObject({ status: { observedGeneration: 2 }, metadata: { resourceVersion: '5' } });
  });

  test.each([
    { name: 'merge patch', patch: { type: 'merge' as const, patch: { metadata: { labels: { a: 'b' } } } }, subresource: undefined, contentType: 'application/merge-patch+json', path: '/api/v1/namespaces/ns/pods/p' },
    { name: 'json patch', patch: { type: 'json' as const, patch: [{ op: 'replace' as const, path: '/spec/x', value: 1 }] }, subresource: undefined, contentType: 'application/json-patch+json', path: '/api/v1/namespaces/ns/pods/p' },
    { name: 'status merge patch', patch: { type: 'merge' as const, patch: { status: { phase: 'Running' } } }, subresource: 'status' as const, contentType: 'application/merge-patch+json', path: '/api/v1/namespaces/ns/pods/p/status' },
  ])('$name', async ({ patch, subresource, contentType, path }) => {
    server.answer({ status: 200, body: { metadata: { name: 'p' } } });
    await client.patch(core.pods, 'ns', 'p', patch, subresource ? { subresource } : undefined);
    expect(server.seen[0]).toMatchObject({ method: 'PATCH', path, body: patch.patch });
    expect(server.seen[0]!.headers['content-type']).toBe(contentType);
  });

  test('delete sends DeleteOptions and returns the object as last seen', async () => {
    const terminating = svc('hello', { metadata: { name: 'hello', deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['x'] } });
    server.answer({ status: 200, body: terminating });
    const got = await client.delete(serving.services, 'default', 'hello', { propagationPolicy: 'Foreground', preconditionResourceVersion: '5' });
    expect(got).toEqual(terminating);
    expect(server.seen[0]).toMatchObject({
      method: 'DELETE',
      path: '/apis/serving.knative.dev/v1/namespaces/default/services/hello',
      body: { kind: 'DeleteOptions', propagationPolicy: 'Foreground', preconditions: { resourceVersion: '5' } },
    });
  });

  test('delete answered with a Success Status returns undefined', async () => {
    server.answer({ status: 200, body: { kind: 'Status', apiVersion: 'v1', status: 'Success' } });
    expect(await client.delete(core.namespaces, undefined, 'team-a')).toBeUndefined();
    expect(server.seen[0]!.path).toBe('/api/v1/namespaces/team-a');
  });
});

describe('errors', () => {
  test.each([
    { name: 'NotFound on get', status: 404, reason: 'NotFound', call: (c: KubeClient) => c.get(serving.services, 'default', 'nope') },
    { name: 'Conflict on update', status: 409, reason: 'Conflict', call: (c: KubeClient) => c.update(serving.services, svc('hello')) },
    { name: 'AlreadyExists on create', status: 409, reason: 'AlreadyExists', call: (c: KubeClient) => c.create(serving.services, svc('hello')) },
    { name: 'Forbidden on list', status: 403, reason: 'Forbidden', call: (c: KubeClient) => c.list(core.secrets, 'kube-system') },
  ])('$name', async ({ status, reason, call }) => {
    server.answer({ status, body: statusBody(status, reason, `${reason} happened`) });
    const err = await errorOf(call(client));
    expect(err.code).toBe(reason);
    expect(err.message).toBe(`${reason} happened`);
  });

  test('Invalid carries the causes', async () => {
    const causes = [{ field: 'spec.template.spec.containers[0].image', message: 'Required value', reason: 'FieldValueRequired' }];
    server.answer({ status: 422, body: statusBody(422, 'Invalid', 'Service "hello" is invalid', causes) });
    const err = await errorOf(client.create(serving.services, svc('hello')));
    expect(err.code).toBe('Invalid');
    expect(err.causes).toEqual(causes);
  });

  test('a namespaced create without a namespace fails before sending anything', async () => {
    const err = await errorOf(client.create(core.configMaps, { metadata: { name: 'cm' } }));
    expect(err.code).toBe('BadRequest');
    expect(server.seen).toHaveLength(0);
  });

  test('a refused connection is an InternalError with the cause kept', async () => {
    await server.stop();
    const err = await errorOf(client.get(core.pods, 'ns', 'p'));
    expect(err.code).toBe('InternalError');
    expect(err.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/namespaces\/ns\/pods\/p failed/);
    expect(err.cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  test('a 401 is retried once with fresh credentials, then reported', async () => {
    server.answer({ status: 401, body: statusBody(401, 'Unauthorized', 'token expired') }, { status: 200, body: { metadata: { name: 'p' } } });
    await client.get(core.pods, 'ns', 'p');
    server.answer({ status: 401, body: statusBody(401, 'Unauthorized', 'no') }, { status: 401, body: statusBody(401, 'Unauthorized', 'still no') });
    expect((await errorOf(client.get(core.pods, 'ns', 'p'))).code).toBe('Unauthorized');
    expect(server.seen).toHaveLength(4);
  });
});

describe('fromKubeconfig', () => {
  test('loads a file and switches to the named context', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'knot-kubeconfig-'));
    const file = join(dir, 'config');
    await writeFile(
      file,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'dead', cluster: { server: 'http://127.0.0.1:1' } },
          { name: 'live', cluster: { server: server.url, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'u', user: { token: 'from-file' } }],
        contexts: [
          { name: 'a', context: { cluster: 'dead', user: 'u' } },
          { name: 'b', context: { cluster: 'live', user: 'u' } },
        ],
        'current-context': 'a',
      }),
    );
    const fromFile = KubeClient.fromKubeconfig({ kubeconfig: file, context: 'b' });
    server.answer({ status: 200, body: { metadata: { name: 'default' } } });
    await fromFile.get(core.namespaces, undefined, 'default');
    fromFile.close();
    expect(server.seen[0]!.headers.authorization).toBe('Bearer from-file');
    expect(() => KubeClient.fromKubeconfig({ kubeconfig: file, context: 'missing' })).toThrow(/context: no context named missing/);
  });
});
