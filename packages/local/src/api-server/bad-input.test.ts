// Whatever arrives, the local API answers with a 4xx Status naming the problem
// and keeps serving; what it accepted before stays.
import net from 'node:net';
import tls from 'node:tls';
import { core } from '@knot/api';
import fc from 'fast-check';
import { startTestApi, type RawRequest, type TestApi } from './test-fixture.js';

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi({ maxBodyBytes: 64 * 1024 });
  await t.store.create(core.configMaps, { metadata: { name: 'kept', namespace: 'default' }, data: { k: 'v' } });
  await t.store.create(core.pods, { metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  // Out of the fuzz's reach (it never names team-a): what must survive it.
  await t.store.create(core.configMaps, { metadata: { name: 'sentinel', namespace: 'team-a' }, data: { k: 'v' } });
});

afterAll(() => t.stop());

const CMS = '/api/v1/namespaces/default/configmaps';
const cm = (extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'default' }, ...extra });

interface Case extends RawRequest {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly reason: string;
  readonly message: string;
}

const cases: Case[] = [
  { name: 'no token', method: 'GET', path: CMS, token: '', status: 401, reason: 'Unauthorized', message: 'Unauthorized' },
  { name: 'a wrong token', method: 'GET', path: CMS, token: 'guess', status: 401, reason: 'Unauthorized', message: 'Unauthorized' },
  { name: 'basic auth', method: 'GET', path: CMS, token: '', headers: { authorization: 'Basic YTpi' }, status: 401, reason: 'Unauthorized', message: 'Unauthorized' },
  { name: 'malformed JSON', method: 'POST', path: CMS, body: '{"metadata": ', status: 400, reason: 'BadRequest', message: 'the body of the request is not valid JSON' },
  { name: 'a JSON array', method: 'POST', path: CMS, body: '[]', status: 400, reason: 'BadRequest', message: 'the body must be a JSON object, got array' },
  { name: 'malformed YAML', method: 'POST', path: CMS, body: 'a: [', contentType: 'application/yaml', status: 400, reason: 'BadRequest', message: 'the body of the request is not valid YAML' },
  { name: 'a form body', method: 'POST', path: CMS, body: 'a=b', contentType: 'application/x-www-form-urlencoded', status: 415, reason: 'UnsupportedMediaType', message: 'unknown format ("application/x-www-form-urlencoded")' },
  { name: 'a protobuf body', method: 'POST', path: CMS, body: Buffer.from([0x6b, 0x38, 0x73, 0]), contentType: 'application/vnd.kubernetes.protobuf', status: 415, reason: 'UnsupportedMediaType', message: 'accepted media types include: application/json, application/yaml' },
  { name: 'the wrong kind for the path', method: 'POST', path: CMS, body: { kind: 'Secret', metadata: { name: 's' } }, status: 400, reason: 'BadRequest', message: 'the kind in the data (Secret) does not match the expected kind (ConfigMap)' },
  { name: 'the wrong version for the path', method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: { apiVersion: 'apps/v1beta1', kind: 'Deployment' }, status: 400, reason: 'BadRequest', message: 'the API version in the data (apps/v1beta1) does not match the expected API version (apps/v1)' },
  { name: 'another namespace in the body', method: 'POST', path: CMS, body: cm({ metadata: { name: 'x', namespace: 'team-a' } }), status: 400, reason: 'BadRequest', message: 'the namespace of the provided object (team-a) does not match the namespace sent on the request (default)' },
  { name: 'another name in the body', method: 'PUT', path: `${CMS}/kept`, body: cm({ metadata: { name: 'other' } }), status: 400, reason: 'BadRequest', message: 'the name of the object (other) does not match the name on the URL (kept)' },
  { name: 'a name that is not a string', method: 'POST', path: CMS, body: { metadata: { name: 42 } }, status: 400, reason: 'BadRequest', message: 'metadata.name: expected a string, got number' },
  { name: 'labels that are not a map', method: 'POST', path: CMS, body: { metadata: { name: 'x', labels: ['a'] } }, status: 400, reason: 'BadRequest', message: 'metadata.labels: expected an object, got array' },
  { name: 'an invalid name', method: 'POST', path: CMS, body: cm({ metadata: { name: 'Not_Valid' } }), status: 422, reason: 'Invalid', message: 'ConfigMap "Not_Valid" is invalid: metadata.name' },
  { name: 'a namespace that does not exist', method: 'POST', path: '/api/v1/namespaces/nowhere/configmaps', body: cm({ metadata: { name: 'x' } }), status: 404, reason: 'NotFound', message: 'namespaces "nowhere" not found' },
  { name: 'an unknown resource', method: 'GET', path: '/api/v1/namespaces/default/widgets', status: 404, reason: 'NotFound', message: 'the server could not find the requested resource' },
  { name: 'an unknown subresource', method: 'GET', path: '/api/v1/namespaces/default/pods/p/exec', status: 404, reason: 'NotFound', message: 'pods has no exec subresource here' },
  { name: 'status of a kind without one', method: 'GET', path: `${CMS}/kept/status`, status: 404, reason: 'NotFound', message: 'configmaps has no status subresource here' },
  { name: 'a namespaced object without its namespace', method: 'GET', path: '/api/v1/configmaps/kept', status: 404, reason: 'NotFound', message: 'configmaps is namespaced' },
  { name: 'a cluster-scoped kind under a namespace', method: 'GET', path: '/api/v1/namespaces/default/namespaces', status: 404, reason: 'NotFound', message: 'namespaces is cluster-scoped' },
  { name: 'a create without a namespace', method: 'POST', path: '/api/v1/configmaps', body: cm(), status: 405, reason: 'MethodNotAllowed', message: 'POST to /namespaces/<namespace>/configmaps' },
  { name: 'a POST to an object', method: 'POST', path: `${CMS}/kept`, body: cm(), status: 405, reason: 'MethodNotAllowed', message: 'create by POST to the collection' },
  { name: 'an unknown method', method: 'OPTIONS', path: CMS, status: 405, reason: 'MethodNotAllowed', message: 'OPTIONS is not a verb of this API' },
  { name: 'a write to discovery', method: 'POST', path: '/apis', body: {}, status: 405, reason: 'MethodNotAllowed', message: 'does not allow this method' },
  { name: 'bad percent-encoding', method: 'GET', path: '/api/v1/namespaces/%E0%A4%A/configmaps', status: 400, reason: 'BadRequest', message: 'not valid percent-encoding' },
  { name: 'a dot-dot segment', method: 'GET', path: '/api/v1/namespaces/default/configmaps/..', status: 400, reason: 'BadRequest', message: 'may not contain an empty, "." or ".." segment' },
  { name: 'an oversized body', method: 'POST', path: CMS, body: JSON.stringify(cm({ data: { pad: 'x'.repeat(100 * 1024) } })), status: 413, reason: 'RequestEntityTooLarge', message: 'Request entity too large: limit is 65536' },
  { name: 'server-side apply', method: 'PATCH', path: `${CMS}/kept`, body: 'a: b', contentType: 'application/apply-patch+yaml', status: 415, reason: 'UnsupportedMediaType', message: 'server-side apply' },
  { name: 'a JSON body on PATCH', method: 'PATCH', path: `${CMS}/kept`, body: {}, contentType: 'application/json', status: 415, reason: 'UnsupportedMediaType', message: 'application/merge-patch+json' },
  { name: 'a merge patch that is not an object', method: 'PATCH', path: `${CMS}/kept`, body: '[1]', contentType: 'application/merge-patch+json', status: 400, reason: 'BadRequest', message: 'a merge patch must be a JSON object' },
  { name: 'a JSON patch with an unknown op', method: 'PATCH', path: `${CMS}/kept`, body: [{ op: 'frob', path: '/a' }], contentType: 'application/json-patch+json', status: 400, reason: 'BadRequest', message: 'JSON patch operation 0: unknown op "frob"' },
  { name: 'a patch renaming the object', method: 'PATCH', path: `${CMS}/kept`, body: { metadata: { name: 'renamed' } }, contentType: 'application/merge-patch+json', status: 400, reason: 'BadRequest', message: 'the patch may not change metadata.name' },
  { name: 'a JSON patch that removes the document and then adds to it', method: 'PATCH', path: `${CMS}/kept`, body: [{ op: 'remove', path: '' }, { op: 'add', path: '/metadata/name', value: 0 }], contentType: 'application/json-patch+json', status: 422, reason: 'Invalid', message: 'the JSON patch cannot be applied' },
  { name: 'a patch on a collection', method: 'PATCH', path: CMS, body: {}, contentType: 'application/merge-patch+json', status: 405, reason: 'MethodNotAllowed', message: 'patch an object, not a collection' },
  { name: 'a bad label selector', method: 'GET', path: `${CMS}?labelSelector=a%20in%20(`, status: 400, reason: 'BadRequest', message: 'unable to parse label selector' },
  { name: 'an unsupported field selector', method: 'GET', path: `${CMS}?fieldSelector=spec.nodeName%3Dn`, status: 400, reason: 'BadRequest', message: '"spec.nodeName" is not a known field selector' },
  { name: 'a limit that is not a number', method: 'GET', path: `${CMS}?limit=ten`, status: 400, reason: 'BadRequest', message: 'query parameter limit: "ten" is not a non-negative integer' },
  { name: 'a negative timeout', method: 'GET', path: `${CMS}?watch=1&timeoutSeconds=-1`, status: 400, reason: 'BadRequest', message: 'query parameter timeoutSeconds' },
  { name: 'watch=maybe', method: 'GET', path: `${CMS}?watch=maybe`, status: 400, reason: 'BadRequest', message: 'query parameter watch: "maybe" is not a boolean' },
  { name: 'a repeated query parameter', method: 'GET', path: `${CMS}?limit=1&limit=2`, status: 400, reason: 'BadRequest', message: 'query parameter limit given 2 times' },
  { name: 'a continue token this server did not issue', method: 'GET', path: `${CMS}?limit=1&continue=bm9wZQ`, status: 400, reason: 'BadRequest', message: 'continue key is not valid' },
  { name: 'dryRun=Some', method: 'POST', path: `${CMS}?dryRun=Some`, body: cm(), status: 400, reason: 'BadRequest', message: 'dryRun: Unsupported value: "Some"' },
  { name: 'a bad propagation policy', method: 'DELETE', path: `${CMS}/kept`, body: { propagationPolicy: 'Sideways' }, status: 400, reason: 'BadRequest', message: 'Unsupported value: "Sideways"' },
  { name: 'a DELETE body that is not JSON', method: 'DELETE', path: `${CMS}/kept`, body: 'nope', status: 400, reason: 'BadRequest', message: 'not valid JSON' },
  { name: 'DeleteOptions of another kind', method: 'DELETE', path: `${CMS}/kept`, body: { kind: 'Pod' }, status: 400, reason: 'BadRequest', message: 'the kind in the data (Pod) does not match the expected kind (DeleteOptions)' },
  { name: 'both orphanDependents and propagationPolicy', method: 'DELETE', path: `${CMS}/kept`, body: { orphanDependents: true, propagationPolicy: 'Orphan' }, status: 400, reason: 'BadRequest', message: 'cannot both be set' },
  { name: 'an Accept the server cannot meet', method: 'GET', path: CMS, headers: { accept: 'application/vnd.kubernetes.protobuf' }, status: 406, reason: 'NotAcceptable', message: 'only application/json is served' },
  { name: 'a write to a probe', method: 'POST', path: '/healthz', body: {}, status: 405, reason: 'MethodNotAllowed', message: 'does not allow this method' },
];

describe('bad input', () => {
  test.each(cases)('$name gets $status $reason', async ({ method, path, status, reason, message, ...opts }) => {
    const reply = await t.request(method, path, opts);
    expect(reply.status).toBe(status);
    const body = reply.json<{ kind: string; reason: string; code: number; message: string }>();
    expect(body).toMatchObject({ kind: 'Status', reason, code: status });
    expect(body.message).toContain(message);
  });

  test('a watch from a resourceVersion that is not a number ends with an ERROR event naming it', async () => {
    const reply = await t.request('GET', `${CMS}?watch=1&resourceVersion=abc`);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text.trim())).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 400, message: 'invalid resourceVersion "abc": must be a decimal number' } });
  });

  test('oversized headers get a 431 from the HTTP layer', async () => {
    const reply = await t.request('GET', CMS, { headers: { 'x-pad': 'x'.repeat(20 * 1024) } }).catch((err: unknown) => err);
    expect(reply).toMatchObject({ status: 431 });
  });

  test('plain HTTP on the TLS port and an untrusting client are turned away, and the server stays up', async () => {
    await new Promise<void>((resolve) => {
      const socket = net.connect(t.api.port, '127.0.0.1', () => socket.write('GET /api HTTP/1.1\r\nhost: x\r\n\r\n'));
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
      socket.resume();
    });
    const untrusting = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: t.api.port });
      socket.on('error', (err: Error) => resolve(err.message));
      socket.on('secureConnect', () => resolve('connected'));
    });
    expect(untrusting).toMatch(/unable to verify|self-signed|issuer/);
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });
});

describe('fuzz', () => {
  const segment = fc.oneof(
    fc.constantFrom('api', 'apis', 'v1', 'namespaces', 'default', 'configmaps', 'pods', 'kept', 'status', 'watch', 'serving.knative.dev', 'services', 'apps', 'deployments', 'openapi', 'v3', 'version', 'healthz', 'x'),
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
  );
  const path = fc.tuple(fc.array(segment, { maxLength: 7 }), fc.option(fc.string({ maxLength: 30 }).map((q) => q.replace(/[#\s]/g, '')))).map(([parts, query]) => `/${parts.join('/')}${query ? `?${query}` : ''}`);
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD');
  const contentType = fc.constantFrom('application/json', 'application/yaml', 'application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json', 'text/plain');
  const objectBody = fc.record({ apiVersion: fc.constantFrom('v1', 'apps/v1', 'serving.knative.dev/v1', 'x'), kind: fc.constantFrom('ConfigMap', 'Pod', 'Service', 'Deployment', 'X'), metadata: fc.jsonValue({ maxDepth: 2 }), spec: fc.jsonValue({ maxDepth: 3 }), data: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] });
  const body = fc.oneof(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)), objectBody.map((v) => JSON.stringify(v)), fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)));

  function expectAnswered(status: number, text: string, method: string): void {
    expect(status).toBeLessThan(500);
    if (status >= 400 && method !== 'HEAD') expect(typeof (JSON.parse(text) as { message?: unknown }).message).toBe('string');
  }

  test('random requests never get a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, body, contentType, async (m, p, b, ct) => {
        // A watch the random query may have asked for ends at once instead of holding the test.
        const withTimeout = `${p}${p.includes('?') ? '&' : '?'}timeoutSeconds=0`;
        const reply = await t.request(m, withTimeout, m === 'GET' || m === 'HEAD' ? {} : { body: b, contentType: ct });
        expectAnswered(reply.status, reply.text, m);
      }),
      { numRuns: 300 },
    );
  });

  test('random objects written to every kind of path never get a 5xx', async () => {
    const target = fc.constantFrom(
      { m: 'POST', p: CMS },
      { m: 'PUT', p: `${CMS}/kept` },
      { m: 'POST', p: '/apis/serving.knative.dev/v1/namespaces/default/services' },
      { m: 'POST', p: '/apis/serving.knative.dev/v1alpha1/namespaces/default/services' },
      { m: 'POST', p: '/apis/apps/v1/namespaces/default/deployments' },
      { m: 'PUT', p: '/api/v1/namespaces/default/pods/p/status' },
      { m: 'POST', p: `/api/v1/namespaces/knative-serving/configmaps` },
    );
    await fc.assert(
      fc.asyncProperty(target, objectBody, async ({ m, p }, b) => {
        const reply = await t.request(m, p, { body: b });
        expectAnswered(reply.status, reply.text, m);
      }),
      { numRuns: 300 },
    );
  });

  test('random patches never get a 5xx', async () => {
    const patchType = fc.constantFrom('application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json');
    const ops = fc.array(fc.record({ op: fc.constantFrom('add', 'remove', 'replace', 'move', 'copy', 'test', 'x'), path: fc.constantFrom('/metadata/name', '/metadata/labels', '/data', '/data/k', '/spec', '', '/x/y'), value: fc.jsonValue({ maxDepth: 2 }), from: fc.constantFrom('/data', '/metadata') }, { requiredKeys: ['op'] }), { maxLength: 4 });
    const doc = fc.oneof(fc.jsonValue({ maxDepth: 4 }), ops);
    const target = fc.constantFrom(`${CMS}/kept`, '/api/v1/namespaces/default/pods/p', '/api/v1/namespaces/default/pods/p/status');
    await fc.assert(
      fc.asyncProperty(target, patchType, doc, async (p, ct, d) => {
        const reply = await t.request('PATCH', p, { body: JSON.stringify(d), contentType: ct });
        expectAnswered(reply.status, reply.text, 'PATCH');
      }),
      { numRuns: 300 },
    );
  });

  test('after all that, the server still serves and kept what it had', async () => {
    expect((await t.request('GET', '/healthz', { token: '' })).status).toBe(200);
    expect((await t.kube.get(core.configMaps, 'team-a', 'sentinel')).data).toEqual({ k: 'v' });
    const created = await t.kube.create(core.configMaps, { metadata: { name: 'after-fuzz', namespace: 'team-a' } });
    expect(created.metadata?.uid).toBeDefined();
  });
});
