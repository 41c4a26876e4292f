// Hostile and malformed input on every port queue-proxy listens on: a 4xx that
// names the problem, never a crash; queue-proxy keeps serving afterwards.
import net from 'node:net';
import fc from 'fast-check';
import { EchoApp } from './testing/echo-app.js';
import { request, startQueueProxy, type Started } from './testing/harness.js';

let app: EchoApp;
let s: Started;

beforeAll(async () => {
  app = await new EchoApp().listen();
  s = await startQueueProxy(app.port, { CONTAINER_CONCURRENCY: '2', REVISION_TIMEOUT_SECONDS: '10' });
});

afterAll(async () => {
  await s.stop();
  await app.close();
});

/** Writes `bytes`, half-closes, and returns everything queue-proxy answered before closing. */
function exchange(bytes: string | Buffer, port = s.qp.ports.serving): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let out = '';
    socket.setEncoding('latin1');
    socket.on('data', (c: string) => (out += c));
    socket.on('close', () => resolve(out));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' || err.code === 'EPIPE' ? resolve(out) : reject(err)));
    // A guard against a hung exchange, not a timing assertion: a hang fails the test by its answer.
    socket.setTimeout(5000, () => {
      out = 'TIMEOUT';
      socket.destroy();
    });
    socket.end(bytes);
  });
}

const statusOf = (answer: string): number | undefined => {
  const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
  return m ? Number(m[1]) : undefined;
};

async function stillServes(): Promise<void> {
  expect((await request(s.qp.ports.serving, '/ok')).status).toBe(200);
  expect((await request(s.qp.ports.admin, '/healthz')).status).toBe(200);
  expect((await request(s.qp.ports.stats, '/metrics', { headers: { accept: 'application/json' } })).status).toBe(200);
}

describe('bad input on the serving port', () => {
  it.each([
    { name: 'garbage bytes', bytes: '\x00\x01\x02 not http at all\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'a header without a colon', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'headers over 16 KiB', bytes: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, says: 'HPE_HEADER_OVERFLOW' },
    { name: 'a bad Content-Length', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'two Content-Lengths', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', status: 400, says: 'malformed request' },
    { name: 'no Host', bytes: 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', status: 400, says: 'Bad Request' },
    { name: 'a truncated chunked body', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', status: 400, says: 'malformed request' },
    { name: 'header injection in a value', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'a half h2 preface', bytes: 'PRI * HTTP/2.0\r\n', status: undefined, says: '' },
  ])('$name', async ({ bytes, status, says }) => {
    const answer = await exchange(bytes);
    expect(answer).not.toBe('TIMEOUT');
    expect(statusOf(answer)).toBe(status);
    expect(answer).toContain(says);
    await stillServes();
  });

  it('garbage after a valid h2 preface ends that connection only', async () => {
    const answer = await exchange(Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), Buffer.from('\x00\x00\x04\x08\x00\x00\x00\x00\x00garbage garbage')]));
    expect(answer).not.toBe('TIMEOUT');
    await stillServes();
  });

  it('a huge body streams through without being held in memory', async () => {
    const res = await request(s.qp.ports.serving, '/big', { method: 'POST', body: Buffer.alloc(8 * 1024 * 1024, 97) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ bodyBytes: 8 * 1024 * 1024 });
  });
});

describe('bad input on the other ports', () => {
  it.each([
    { name: 'admin: garbage', port: () => s.qp.ports.admin, bytes: 'BLAH\r\n\r\n', status: 400 },
    { name: 'admin: unknown path', port: () => s.qp.ports.admin, bytes: 'GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', status: 404 },
    { name: 'stats: wrong method', port: () => s.qp.ports.stats, bytes: 'POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n', status: 405 },
    { name: 'stats: huge headers', port: () => s.qp.ports.stats, bytes: `GET /metrics HTTP/1.1\r\nHost: x\r\nX: ${'b'.repeat(40_000)}\r\n\r\n`, status: 431 },
  ])('$name', async ({ port, bytes, status }) => {
    expect(statusOf(await exchange(bytes, port()))).toBe(status);
    await stillServes();
  });
});

describe('fuzz', () => {
  const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/);
  const headerValue = fc.string({ maxLength: 60 });
  const requestLine = fc.record({
    method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PRI'), token),
    path: fc.oneof(fc.constant('/'), fc.webPath(), fc.string({ maxLength: 40 })),
    version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''),
  });
  const headers = fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom('K-Network-Probe', 'K-Proxy-Request', 'User-Agent', 'K-Original-Host', 'Content-Length', 'Transfer-Encoding', 'Upgrade', 'Connection', 'Forwarded', 'X-Forwarded-For', 'Expect'), headerValue),
      fc.tuple(token, headerValue),
    ),
    { maxLength: 8 },
  );

  it('answers generated requests with a status or a closed connection, and keeps serving', async () => {
    await fc.assert(
      fc.asyncProperty(requestLine, headers, fc.string({ maxLength: 100 }), async (line, hs, body) => {
        const head = `${line.method} ${line.path} ${line.version}\r\nHost: fuzz\r\n${hs.map(([n, v]) => `${n}: ${v}`).join('\r\n')}${hs.length ? '\r\n' : ''}Connection: close\r\n\r\n${body}`;
        const answer = await exchange(head);
        expect(answer).not.toBe('TIMEOUT');
        const status = statusOf(answer);
        // Either an answer, or the connection closed (an upgrade the app did not take, a body never completed).
        if (status !== undefined) expect(status).toBeLessThan(600);
      }),
      { numRuns: 150, endOnFailure: true },
    );
    await stillServes();
  });

  it('answers generated bytes on the admin and stats ports without crashing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<('admin' | 'stats' | 'metrics')[]>('admin', 'stats', 'metrics'), fc.uint8Array({ maxLength: 200 }), async (port, bytes) => {
        const answer = await exchange(Buffer.from(bytes), s.qp.ports[port]);
        expect(answer).not.toBe('TIMEOUT');
      }),
      { numRuns: 60, endOnFailure: true },
    );
    await stillServes();
  });
});
