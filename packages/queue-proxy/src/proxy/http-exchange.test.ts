// Response bodies on their way back: large ones to slow readers arrive whole
// and in order over HTTP/1.1 and h2c, and a body the app cuts short is cut
// for the client too.
import { createHash } from 'node:crypto';
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { startQueueProxy, type Started } from '../testing/harness.js';

const CHUNK = 64 * 1024;
const CHUNKS = 256; // 16 MiB: far more than the socket buffers on both hops hold.

/** Chunk i is filled with the byte i % 251, so a lost, doubled or reordered chunk changes the digest. */
const chunk = (i: number) => Buffer.alloc(CHUNK, i % 251);
const expectedDigest = (() => {
  const h = createHash('sha256');
  for (let i = 0; i < CHUNKS; i++) h.update(chunk(i));
  return h.digest('hex');
})();

type Res = http.ServerResponse | http2.Http2ServerResponse;

/** Writes the whole body, waiting for 'drain' whenever the app's side is full. */
function writeBig(res: Res): void {
  let i = 0;
  const more = (): void => {
    while (i < CHUNKS) {
      if (!(res as http.ServerResponse).write(chunk(i++))) return void res.once('drain', more);
    }
    res.end();
  };
  (res as http.ServerResponse).writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(CHUNK * CHUNKS) });
  more();
}

/** Reads like a slow client: pauses after every chunk and resumes a turn of the loop later. */
function readSlowly(body: Readable): Promise<{ bytes: number; digest: string }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let bytes = 0;
    body.on('data', (c: Buffer) => {
      h.update(c);
      bytes += c.length;
      body.pause();
      setImmediate(() => body.resume());
    });
    body.on('end', () => resolve({ bytes, digest: h.digest('hex') }));
    body.on('error', reject);
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function listen(server: http.Server | http2.Http2Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        if (server instanceof http.Server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return (server.address() as AddressInfo).port;
}

async function queueProxyFor(appPort: number): Promise<Started> {
  const s = await startQueueProxy(appPort);
  closers.push(() => s.stop());
  return s;
}

describe('a 16 MiB response to a slow reader arrives whole and in order', () => {
  it('over HTTP/1.1', async () => {
    const s = await queueProxyFor(await listen(http.createServer((req, res) => req.resume().on('end', () => writeBig(res)))));
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get({ host: '127.0.0.1', port: s.qp.ports.serving, path: '/big', agent: false }, resolve).on('error', reject));
    expect(res.statusCode).toBe(200);
    expect(await readSlowly(res)).toEqual({ bytes: CHUNK * CHUNKS, digest: expectedDigest });
  });

  it('over h2c, from an h2c app', async () => {
    const s = await queueProxyFor(await listen(http2.createServer((req, res) => req.resume().on('end', () => writeBig(res)))));
    const session = http2.connect(`http://127.0.0.1:${s.qp.ports.serving}`);
    closers.push(() => new Promise((resolve) => session.close(() => resolve())));
    const stream = session.request({ ':path': '/big' });
    const status = new Promise<number>((resolve) => stream.once('response', (h) => resolve(Number(h[':status']))));
    const body = readSlowly(stream);
    expect(await status).toBe(200);
    expect(await body).toEqual({ bytes: CHUNK * CHUNKS, digest: expectedDigest });
  });
});

it('a body the app cuts short is cut for the client, never ended as if complete', async () => {
  const s = await queueProxyFor(
    await listen(
      http.createServer((req, res) => {
        req.resume();
        res.writeHead(200, { 'content-length': '100' });
        res.write('only ten b', () => res.socket?.destroy());
      }),
    ),
  );
  const outcome = await new Promise<string>((resolve) => {
    http
      .get({ host: '127.0.0.1', port: s.qp.ports.serving, path: '/cut', agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve(`ended with ${JSON.stringify(body)}`));
        res.on('error', (err) => resolve(`cut after ${JSON.stringify(body)}: ${err.message}`));
      })
      .on('error', (err) => resolve(`request failed: ${err.message}`));
  });
  expect(outcome).toBe('cut after "only ten b": aborted');
});
