// Websockets, h2c in and out, limits, and a DomainMapping's loop back through the internal listener.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { core } from '@knot/api';
import { WebSocket, WebSocketServer } from 'ws';
import { addService, echoBackend, echoOf, externalNameService, ingress, request, rule, serve, split, startGateway, type Backend, type Echo, type Harness } from './testing/fixtures.js';

let h: Harness;
let echo: Backend;
let wsBackend: Backend;
let h2Backend: http2.Http2Server;
let h2Port: number;

beforeAll(async () => {
  h = await startGateway({ limits: { maxHeaderBytes: 4096, maxBodyBytes: 1000 } });
  echo = await echoBackend('echo');
  const wsServer = http.createServer((_req, res) => res.writeHead(426).end('upgrade required'));
  const wss = new WebSocketServer({ server: wsServer });
  wss.on('connection', (ws, req) => ws.on('message', (data: Buffer) => ws.send(`${String(req.headers['knative-serving-revision'])}:${data.toString()}`)));
  wsBackend = await serve('ws', wsServer);
  // An h2c-only backend that answers with trailers, as gRPC does.
  h2Backend = http2.createServer();
  h2Backend.on('stream', (stream, headers) => {
    stream.respond({ ':status': 200, 'content-type': 'application/json' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0' }));
    stream.end(JSON.stringify({ protocol: 'h2', authority: headers[':authority'], revision: headers['knative-serving-revision'] }));
  });
  await new Promise<void>((resolve) => h2Backend.listen(0, '127.0.0.1', resolve));
  h2Port = (h2Backend.address() as net.AddressInfo).port;

  await addService(h.store, 'echo', [echo.port]);
  await addService(h.store, 'ws', [wsBackend.port]);
  await addService(h.store, 'grpc', [h2Port], { h2c: true });
  await h.store.create(core.services, externalNameService('mapped-route', 'knot-gateway-internal.knative-serving.svc.cluster.local'));
  await h.applyIngress(
    ingress('protocols', [
      rule(['echo.example.com'], [{ splits: [split('echo')] }]),
      rule(['ws.example.com'], [{ splits: [split('ws')] }]),
      rule(['grpc.example.com'], [{ splits: [split('grpc', 100, 81)] }]),
      rule(['echo.default.svc.cluster.local'], [{ splits: [split('echo')] }], 'ClusterLocal'),
      // What a DomainMapping's Ingress looks like: through the route's ExternalName Service, back into the gateway.
      rule(['mapped.example.org'], [{ rewriteHost: 'echo.default.svc.cluster.local', splits: [{ ...split('mapped-route'), appendHeaders: { 'K-Original-Host': 'mapped.example.org' } }] }]),
    ]),
  );
});

afterAll(async () => {
  await h.stop();
  await echo.close();
  await wsBackend.close();
  await new Promise<void>((resolve) => h2Backend.close(() => resolve()));
});

const ext = () => h.gateway.ports.external;

function h2Request(port: number, headers: http2.OutgoingHttpHeaders): Promise<{ headers: http2.IncomingHttpHeaders; trailers: http2.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request(headers);
    let got: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders = {};
    let body = '';
    stream.on('response', (h2) => (got = h2));
    stream.on('trailers', (t: http2.IncomingHttpHeaders) => (trailers = t));
    stream.on('data', (c: Buffer) => (body += c.toString()));
    stream.on('end', () => {
      session.close();
      resolve({ headers: got, trailers, body });
    });
    stream.on('error', reject);
    stream.end();
  });
}

describe('websockets', () => {
  test('an upgrade is proxied and messages flow both ways, with the route headers on the handshake', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${ext()}/socket`, { headers: { host: 'ws.example.com' } });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.on('open', () => ws.send('ping'));
      ws.on('message', (data: Buffer) => resolve(data.toString()));
      ws.on('error', reject);
    });
    expect(reply).toBe('ws:ping');
    ws.close();
  });

  test('an upgrade to an unknown host gets 404', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${ext()}/`, { headers: { host: 'nope.example.com' } });
    const status = await new Promise<number>((resolve) => ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(404);
  });
});

describe('h2c', () => {
  test('an HTTP/2 prior-knowledge client reaches an HTTP/1 backend by :authority', async () => {
    const reply = await h2Request(ext(), { ':path': '/x', ':authority': 'echo.example.com' });
    expect(reply.headers[':status']).toBe(200);
    expect(JSON.parse(reply.body) as Echo).toMatchObject({ backend: 'echo', url: '/x' });
  });

  test('an HTTP/2 client reaches an h2c backend, trailers included', async () => {
    const reply = await h2Request(ext(), { ':path': '/pkg.Service/Call', ':authority': 'grpc.example.com', te: 'trailers' });
    expect(JSON.parse(reply.body)).toEqual({ protocol: 'h2', authority: 'grpc.example.com', revision: 'grpc' });
    expect(reply.trailers['grpc-status']).toBe('0');
  });

  test('an HTTP/1 client reaches an h2c backend', async () => {
    const reply = await request(ext(), { host: 'grpc.example.com' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ protocol: 'h2', authority: 'grpc.example.com' });
  });

  test('an ExternalName Service naming the internal gateway loops back to it (a DomainMapping)', async () => {
    const reply = await request(ext(), { host: 'mapped.example.org' });
    expect(reply.status).toBe(200);
    expect(echoOf(reply).headers).toMatchObject({ host: 'echo.default.svc.cluster.local', 'k-original-host': 'mapped.example.org' });
  });
});

describe('limits', () => {
  test.each([
    { name: 'headers over the limit', opts: { headers: { 'x-big': 'a'.repeat(5000) } }, status: 431, message: 'request headers too large' },
    { name: 'a declared body over the limit', opts: { method: 'POST', body: 'b'.repeat(1001) }, status: 413, message: 'request body too large' },
    { name: 'a streamed body over the limit', opts: { method: 'POST', headers: { 'transfer-encoding': 'chunked' }, body: 'c'.repeat(5000) }, status: 413, message: 'request body too large' },
    { name: 'a body within the limit', opts: { method: 'POST', body: 'd'.repeat(1000) }, status: 200, message: '' },
  ])('$name: $status', async ({ opts, status, message }) => {
    const reply = await request(ext(), { host: 'echo.example.com', ...opts });
    expect(reply.status).toBe(status);
    expect(reply.body).toContain(message);
  });

  test('HTTP/2 headers over the limit get 431', async () => {
    const reply = await h2Request(ext(), { ':path': '/', ':authority': 'echo.example.com', 'x-big': 'a'.repeat(5000) });
    expect(reply.headers[':status']).toBe(431);
  });

  test('a malformed request line gets 400 and the gateway keeps serving', async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(ext(), '127.0.0.1', () => socket.write('GARBAGE\r\n\r\n'));
      let data = '';
      socket.on('data', (c: Buffer) => (data += c.toString()));
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect((await request(ext(), { host: 'echo.example.com' })).status).toBe(200);
  });
});

describe('admin', () => {
  test('health, readiness and metrics on the admin port', async () => {
    const admin = h.gateway.ports.admin;
    expect((await request(admin, { path: '/healthz' })).status).toBe(200);
    expect((await request(admin, { path: '/readyz' })).status).toBe(200);
    const metrics = await request(admin, { path: '/metrics' });
    expect(metrics.body).toMatch(/gateway_requests_total\{listener="external",code="200"\} \d+/);
    expect(metrics.body).toMatch(/gateway_hosts\{listener="internal"\} 5/);
  });
});
