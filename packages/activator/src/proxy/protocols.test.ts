// h2c and websockets through the activator, on real sockets.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { PROBE_HEADER_LOWER, PROBE_HEADER_VALUE_QUEUE } from '@knot/api';
import { eventually } from '@knot/runtime/testing';
import { FakePod } from '../testing/fake-pod.js';
import { addRevision, NS, setEndpoints, startActivator, type TestActivator } from '../testing/harness.js';

let activator: TestActivator | undefined;
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await activator?.stop();
  activator = undefined;
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function ready(name: string): Promise<void> {
  await eventually(`a probed pod for ${name}`, () => ((activator?.running.revisionState(NS, name)?.pods ?? 0) > 0 ? true : undefined));
}

/** One h2c request to the activator's 8013 listener. */
function h2cRequest(port: number, headers: http2.OutgoingHttpHeaders, body?: string): Promise<{ status: number; headers: http2.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({ ':method': body ? 'POST' : 'GET', ':path': '/h2', ...headers });
    let text = '';
    let got: http2.IncomingHttpHeaders = {};
    stream.setEncoding('utf8');
    stream.on('response', (h) => (got = h));
    stream.on('data', (c: string) => (text += c));
    stream.on('end', () => {
      session.close();
      resolve({ status: Number(got[':status']), headers: got, body: text });
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

describe('activator protocols', () => {
  test('h2c in, h2c out: an h2c revision is probed and served over HTTP/2', async () => {
    activator = await startActivator();
    const pod = await new FakePod('h2c').listen();
    closers.push(() => pod.close());
    await addRevision(activator.store, 'grpc-00001', { containers: [{ name: 'user-container', image: 'x', ports: [{ name: 'h2c', containerPort: 8080 }] }] });
    await setEndpoints(activator.store, 'grpc-00001', [pod], 'http2');
    await ready('grpc-00001');
    const answer = await h2cRequest(activator.running.ports.http2, { 'knative-serving-namespace': NS, 'knative-serving-revision': 'grpc-00001', ':authority': 'grpc.default.example.com' }, 'ping');
    expect(answer.status).toBe(200);
    const echo = JSON.parse(answer.body) as { headers: Record<string, string>; body: string; url: string };
    expect(echo).toMatchObject({ body: 'ping', url: '/h2', headers: { ':authority': 'grpc.default.example.com', 'k-proxy-request': 'activator' } });
    expect(pod.probes).toHaveLength(1);
  });

  test('h2c in, HTTP/1.1 out for an HTTP/1 revision, with the authority as Host', async () => {
    activator = await startActivator();
    const pod = await new FakePod().listen();
    closers.push(() => pod.close());
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [pod]);
    const answer = await h2cRequest(activator.running.ports.http2, { 'knative-serving-namespace': NS, 'knative-serving-revision': 'hello-00001', ':authority': 'hello.example.com' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ headers: { host: 'hello.example.com', 'k-proxy-request': 'activator' } });
  });

  test('a websocket is upgraded at the pod and carries messages both ways', async () => {
    activator = await startActivator();
    // A pod whose queue-proxy answers probes and whose app speaks websockets.
    const server = http.createServer((req, res) => {
      if (req.headers[PROBE_HEADER_LOWER] === PROBE_HEADER_VALUE_QUEUE) res.end(PROBE_HEADER_VALUE_QUEUE);
      else res.writeHead(404).end();
    });
    const wss = new WebSocketServer({ server });
    const seenHeaders: http.IncomingHttpHeaders[] = [];
    wss.on('connection', (ws, req) => {
      seenHeaders.push(req.headers);
      ws.on('message', (m: Buffer) => ws.send(`echo:${m.toString('utf8')}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(async () => {
      for (const c of wss.clients) c.terminate();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    });
    const pod = { port: (server.address() as AddressInfo).port } as FakePod;
    await addRevision(activator.store, 'ws-00001', { containerConcurrency: 1 });
    await setEndpoints(activator.store, 'ws-00001', [pod]);
    const client = new WebSocket(`ws://127.0.0.1:${activator.running.ports.http}/chat`, { headers: { 'knative-serving-namespace': NS, 'knative-serving-revision': 'ws-00001' } });
    const reply = await new Promise<string>((resolve, reject) => {
      client.on('open', () => client.send('hi'));
      client.on('message', (m: Buffer) => resolve(m.toString('utf8')));
      client.on('error', reject);
    });
    expect(reply).toBe('echo:hi');
    expect(seenHeaders[0]).toMatchObject({ 'k-proxy-request': 'activator', upgrade: 'websocket' });
    // The connection holds the pod's only slot until it closes.
    expect(activator.running.revisionState(NS, 'ws-00001')?.inFlight).toBe(1);
    client.close();
    await eventually('the slot back', () => (activator?.running.revisionState(NS, 'ws-00001')?.inFlight === 0 ? true : undefined));
  });

  test('a websocket upgrade without revision headers is refused with 400', async () => {
    activator = await startActivator();
    const client = new WebSocket(`ws://127.0.0.1:${activator.running.ports.http}/`);
    const status = await new Promise<number>((resolve) => {
      client.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      client.on('error', () => resolve(-1));
    });
    expect(status).toBe(400);
  });
});
