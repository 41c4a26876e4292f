import http2 from 'node:http2';
import net from 'node:net';
import { EchoApp, type EchoBody } from './testing/echo-app.js';
import { request, settle, startQueueProxy, type Started } from './testing/harness.js';

const running: Started[] = [];
const apps: EchoApp[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  for (const a of apps.splice(0)) await a.close();
});

async function setup(protocol: 'http1' | 'h2c', env: Record<string, string> = {}): Promise<{ app: EchoApp; s: Started }> {
  const app = await new EchoApp(protocol).listen();
  apps.push(app);
  const s = await startQueueProxy(app.port, env);
  running.push(s);
  return { app, s };
}

/** Reads from a raw socket until `until` matches what has arrived. */
function readUntil(socket: net.Socket, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (c: Buffer) => {
      text += c.toString('latin1');
      if (until.test(text)) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed after ${JSON.stringify(text)}`)));
  });
}

describe('websockets', () => {
  it('relays the upgrade handshake and then bytes both ways, holding a slot meanwhile', async () => {
    const { app, s } = await setup('http1', { CONTAINER_CONCURRENCY: '1' });
    const socket = net.connect(s.qp.ports.serving, '127.0.0.1');
    socket.write('GET /ws HTTP/1.1\r\nHost: a.example.com\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
    const head = await readUntil(socket, /\r\n\r\n/);
    expect(head).toMatch(/^HTTP\/1\.1 101 /);
    expect(head).toContain('X-Echo-Url: /ws');
    socket.write('ping-frame');
    expect(await readUntil(socket, /ping-frame/)).toContain('ping-frame');
    expect(app.seen[0]!.headers).toMatchObject({ upgrade: 'websocket', host: 'a.example.com', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' });
    // With a concurrency of 1 the open connection holds the only slot: a request waits until it closes.
    const next = request(s.qp.ports.serving, '/after');
    await settle();
    expect(app.seen.map((x) => x.url)).toEqual(['/ws']);
    socket.destroy();
    expect((await next).status).toBe(200);
    expect(app.seen.map((x) => x.url)).toEqual(['/ws', '/after']);
  });

  it('answers an h2c upgrade over HTTP/1.1 as a plain request', async () => {
    const { app, s } = await setup('http1');
    const socket = net.connect(s.qp.ports.serving, '127.0.0.1');
    socket.write('GET /plain HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n\r\n');
    const text = await readUntil(socket, /0\r\n\r\n$/);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(app.seen[0]!.headers.upgrade).toBeUndefined();
    socket.destroy();
  });
});

describe('h2c', () => {
  it('serves h2c with prior knowledge on the serving port and reaches an h2c app over h2c, trailers included', async () => {
    const { app, s } = await setup('h2c');
    const client = http2.connect(s.base);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/trailers', 'content-type': 'application/grpc', te: 'trailers', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      stream.end('request');
      const [headers, body, trailers] = await new Promise<[http2.IncomingHttpHeaders, string, http2.IncomingHttpHeaders]>((resolve, reject) => {
        let h: http2.IncomingHttpHeaders = {};
        let t: http2.IncomingHttpHeaders = {};
        let b = '';
        stream.on('response', (x) => (h = x));
        stream.on('trailers', (x: http2.IncomingHttpHeaders) => (t = x));
        stream.on('data', (c: Buffer) => (b += c.toString()));
        stream.on('end', () => resolve([h, b, t]));
        stream.on('error', reject);
      });
      expect(headers[':status']).toBe(200);
      expect(body).toBe('payload');
      expect(trailers).toMatchObject({ 'grpc-status': '0', 'grpc-message': 'fine' });
      const seen = app.seen[0]!;
      expect(seen.httpVersion).toBe('2.0');
      expect(seen.headers).toMatchObject({ te: 'trailers', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      expect(seen.bodyBytes).toBe(7);
    } finally {
      client.close();
    }
  });

  it('answers probes over h2c too', async () => {
    const { app, s } = await setup('h2c');
    const client = http2.connect(s.base);
    try {
      const stream = client.request({ ':path': '/', 'k-network-probe': 'queue', 'user-agent': 'Knative-Activator-Probe' }, { endStream: true });
      const [status, body] = await new Promise<[number, string]>((resolve, reject) => {
        let st = 0;
        let b = '';
        stream.on('response', (h) => (st = Number(h[':status'])));
        stream.on('data', (c: Buffer) => (b += c.toString()));
        stream.on('end', () => resolve([st, b]));
        stream.on('error', reject);
      });
      expect([status, body]).toEqual([200, 'queue']);
      expect(app.seen).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('sends HTTP/1.1 clients to an h2c-capable port over HTTP/1.1 as before', async () => {
    const { s } = await setup('http1');
    const res = await fetch(`${s.base}/x`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as EchoBody).httpVersion).toBe('1.1');
  });
});
