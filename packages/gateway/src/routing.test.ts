// The gateway end to end on real sockets: Ingresses in a MemoryStore, echo backends on port 0.
import { core, networking } from '@knot/api';
import { eventually } from '@knot/runtime/testing';
import { addService, echoBackend, echoOf, ingress, NS, request, rule, setEndpoints, split, startGateway, type Backend, type Harness } from './testing/fixtures.js';

let h: Harness;
let blue: Backend;
let green: Backend;
let draws: number[];

beforeAll(async () => {
  draws = [];
  h = await startGateway({ random: () => draws.shift() ?? 0 });
  blue = await echoBackend('blue');
  green = await echoBackend('green');
  await addService(h.store, 'blue', [blue.port]);
  await addService(h.store, 'green', [green.port]);
  await h.applyIngress(
    ingress('hello', [
      rule(['hello.default.example.com'], [
        { path: '/api', splits: [split('green')] },
        { headers: { 'Knative-Serving-Tag': { exact: 'canary' } }, splits: [split('green')] },
        { splits: [split('blue', 70), split('green', 30)], appendHeaders: { 'Knative-Serving-Default-Route': 'true' } },
      ]),
      rule(['canary-hello.default.example.com'], [{ splits: [split('green')] }]),
      rule(['hello.default', 'hello.default.svc', 'hello.default.svc.cluster.local'], [{ splits: [split('blue')] }], 'ClusterLocal'),
      rule(['private.default.svc.cluster.local'], [{ splits: [split('green')] }], 'ClusterLocal'),
      rule(['rewrite.example.com'], [{ rewriteHost: 'hello.default.svc.cluster.local', splits: [split('blue')] }]),
    ]),
  );
});

afterAll(async () => {
  await h.stop();
  await blue.close();
  await green.close();
});

const ext = () => h.gateway.ports.external;
const int = () => h.gateway.ports.internal;

describe('routing', () => {
  test.each([
    { name: 'host without a port', host: 'hello.default.example.com', path: '/', draw: 0.1, backend: 'blue' },
    { name: 'host with a port, upper case', host: 'HELLO.default.Example.com:8080', path: '/', draw: 0.1, backend: 'blue' },
    { name: 'weighted: a draw past 70% goes to the 30% split', host: 'hello.default.example.com', path: '/', draw: 0.75, backend: 'green' },
    { name: 'path prefix wins before the catch-all', host: 'hello.default.example.com', path: '/api/v1?x=1', draw: 0.1, backend: 'green' },
    { name: 'tag host', host: 'canary-hello.default.example.com', path: '/', draw: 0.1, backend: 'green' },
  ])('$name → $backend', async ({ host, path, draw, backend }) => {
    draws.push(draw);
    const reply = await request(ext(), { host, path });
    expect(reply.status).toBe(200);
    expect(echoOf(reply)).toMatchObject({ backend, url: path });
    expect(echoOf(reply).headers['knative-serving-revision']).toBe(backend);
  });

  test('a header match picks its path (tag-header routing)', async () => {
    draws.push(0.1);
    const reply = await request(ext(), { host: 'hello.default.example.com', headers: { 'Knative-Serving-Tag': 'canary' } });
    expect(echoOf(reply).backend).toBe('green');
    draws.push(0.1);
    const other = await request(ext(), { host: 'hello.default.example.com', headers: { 'Knative-Serving-Tag': 'other' } });
    expect(echoOf(other).backend).toBe('blue');
  });

  test('weights follow the draws over many requests', async () => {
    const seen: Record<string, number> = { blue: 0, green: 0 };
    for (let i = 0; i < 20; i++) {
      draws.push(i / 20);
      const reply = await request(ext(), { host: 'hello.default.example.com' });
      seen[echoOf(reply).backend] = (seen[echoOf(reply).backend] ?? 0) + 1;
    }
    expect(seen).toEqual({ blue: 14, green: 6 });
  });

  test('an unknown host gets 404 naming the host', async () => {
    const reply = await request(ext(), { host: 'nope.example.com:80' });
    expect(reply.status).toBe(404);
    expect(reply.body).toContain('"nope.example.com"');
  });

  test('rewriteHost replaces the Host header sent upstream', async () => {
    const reply = await request(ext(), { host: 'rewrite.example.com' });
    expect(echoOf(reply).headers.host).toBe('hello.default.svc.cluster.local');
  });
});

describe('visibility', () => {
  test.each([
    { name: 'cluster-local host on the external listener', listener: 'external', host: 'private.default.svc.cluster.local', status: 404 },
    { name: 'cluster-local host on the internal listener', listener: 'internal', host: 'private.default.svc.cluster.local', status: 200 },
    { name: 'short cluster-local host on the internal listener', listener: 'internal', host: 'hello.default', status: 200 },
    { name: 'cluster-local host of a public route on the external listener', listener: 'external', host: 'hello.default.svc.cluster.local', status: 404 },
    { name: 'public host on the internal listener too', listener: 'internal', host: 'hello.default.example.com', status: 200 },
  ])('$name: $status', async ({ listener, host, status }) => {
    draws.push(0.1);
    const reply = await request(listener === 'external' ? ext() : int(), { host });
    expect(reply.status).toBe(status);
  });
});

describe('headers', () => {
  test('hop-by-hop headers are dropped both ways; forwarding and trace headers pass; the route sets its own', async () => {
    draws.push(0.1);
    const reply = await request(ext(), {
      host: 'hello.default.example.com',
      headers: {
        connection: 'keep-alive, x-hop',
        'x-hop': 'dropped',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        te: 'trailers, deflate',
        'x-forwarded-for': '203.0.113.7',
        'x-forwarded-proto': 'https',
        traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        'knative-serving-revision': 'spoofed',
        'x-user': 'kept',
      },
    });
    const { headers } = echoOf(reply);
    expect(headers).toMatchObject({
      'x-forwarded-for': '203.0.113.7, 127.0.0.1',
      'x-forwarded-proto': 'https',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      'knative-serving-revision': 'blue',
      'knative-serving-namespace': NS,
      'knative-serving-default-route': 'true',
      'x-user': 'kept',
      te: 'trailers',
    });
    expect(headers['x-hop']).toBeUndefined();
    expect(headers['proxy-authorization']).toBeUndefined();
    // The backend's keep-alive header stays on its hop.
    expect(reply.headers['keep-alive']).not.toBe('timeout=5');
    expect(reply.headers['x-backend']).toBe('blue');
  });

  test('X-Forwarded-Proto is http when the client sent none', async () => {
    draws.push(0.1);
    const reply = await request(ext(), { host: 'hello.default.example.com' });
    expect(echoOf(reply).headers).toMatchObject({ 'x-forwarded-proto': 'http', 'x-forwarded-for': '127.0.0.1' });
  });

  test('a POST body reaches the backend', async () => {
    draws.push(0.1);
    const reply = await request(ext(), { host: 'hello.default.example.com', method: 'POST', body: 'x'.repeat(100_000) });
    expect(echoOf(reply)).toMatchObject({ method: 'POST', body: 'x'.repeat(100_000) });
  });
});

describe('backends', () => {
  test('no ready endpoints gets 503 saying so, and traffic flows once they appear; addresses are balanced round robin', async () => {
    await addService(h.store, 'empty', []);
    await h.applyIngress(ingress('empty', [rule(['empty.example.com'], [{ splits: [split('empty')] }])]));
    const down = await request(ext(), { host: 'empty.example.com' });
    expect(down.status).toBe(503);
    expect(down.body).toContain('no ready endpoints for service default/empty');

    await setEndpoints(h.store, 'empty', [blue.port, green.port]);
    await eventually('endpoints programmed', async () => ((await request(ext(), { host: 'empty.example.com' })).status === 200 ? true : undefined));
    const backends = [];
    for (let i = 0; i < 4; i++) backends.push(echoOf(await request(ext(), { host: 'empty.example.com' })).backend);
    expect(new Set(backends)).toEqual(new Set(['blue', 'green']));
    expect(backends[0]).not.toBe(backends[1]);
    expect(backends[0]).toBe(backends[2]);
  });

  test('a dead backend gets 503 naming it', async () => {
    const dead = await echoBackend('dead');
    const port = dead.port;
    await dead.close();
    await addService(h.store, 'dead', [port]);
    await h.applyIngress(ingress('dead', [rule(['dead.example.com'], [{ splits: [split('dead')] }])]));
    const reply = await request(ext(), { host: 'dead.example.com' });
    expect(reply.status).toBe(503);
    expect(reply.body).toContain(`cannot connect to backend 127.0.0.1:${port}`);
  });

  test('a deleted Ingress stops being served', async () => {
    await h.applyIngress(ingress('gone', [rule(['gone.example.com'], [{ splits: [split('blue')] }])]));
    expect((await request(ext(), { host: 'gone.example.com' })).status).toBe(200);
    await h.store.delete(networking.ingresses, NS, 'gone');
    await eventually('gone', async () => ((await request(ext(), { host: 'gone.example.com' })).status === 404 ? true : undefined));
  });

  test('the Service port is matched by number or name', async () => {
    await h.store.create(core.services, { metadata: { namespace: NS, name: 'named' }, spec: { ports: [{ name: 'web', port: 8080 }] } });
    await setEndpoints(h.store, 'named', [green.port], 'web');
    await h.applyIngress(ingress('named', [rule(['named.example.com'], [{ splits: [split('named', 100, 'web')] }]), rule(['numbered.example.com'], [{ splits: [split('named', 100, 8080)] }])]));
    expect(echoOf(await request(ext(), { host: 'named.example.com' })).backend).toBe('green');
    expect(echoOf(await request(ext(), { host: 'numbered.example.com' })).backend).toBe('green');
  });
});

describe('start', () => {
  test('a port in use is an error naming it, and the other listeners are released', async () => {
    const taken = h.gateway.ports.external;
    await expect(startGateway({ ports: { external: 0, internal: taken, admin: 0 } })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
