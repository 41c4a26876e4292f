// Hostile and malformed input on the activator's HTTP/1.1 port: a 4xx naming
// the problem, never a crash; the activator keeps serving afterwards.
import http2 from 'node:http2';
import net from 'node:net';
import fc from 'fast-check';
import { FakePod } from './testing/fake-pod.js';
import { addRevision, send, setEndpoints, startActivator, type TestActivator } from './testing/harness.js';

let activator: TestActivator;
let pod: FakePod;

beforeAll(async () => {
  activator = await startActivator();
  pod = await new FakePod().listen();
  await addRevision(activator.store, 'hello-00001');
  await setEndpoints(activator.store, 'hello-00001', [pod]);
});

afterAll(async () => {
  await activator.stop();
  await pod.close();
});

/** Writes `bytes`, half-closes, and returns everything the activator answered before closing. */
function exchange(bytes: string | Buffer, port = activator.running.ports.http): Promise<string> {
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
  expect((await send(activator.running.ports.http, 'hello-00001')).status).toBe(200);
}

describe('bad input', () => {
  test.each([
    { name: 'garbage bytes', bytes: '\x00\x01\x02 not http at all\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'a header without a colon', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'headers over 16 KiB', bytes: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, status: 431, says: 'HPE_HEADER_OVERFLOW' },
    { name: 'a bad Content-Length', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n', status: 400, says: 'malformed request' },
    { name: 'two Content-Lengths', bytes: 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', status: 400, says: 'malformed request' },
    { name: 'no revision headers', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', status: 400, says: 'Knative-Serving-Revision' },
    { name: 'a revision name with odd bytes', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nKnative-Serving-Namespace: default\r\nKnative-Serving-Revision: ../../etc\r\nConnection: close\r\n\r\n', status: 404, says: 'revision default/../../etc not found' },
    { name: 'the revision header twice', bytes: 'GET / HTTP/1.1\r\nHost: x\r\nKnative-Serving-Namespace: default\r\nKnative-Serving-Revision: hello-00001\r\nKnative-Serving-Revision: other\r\nConnection: close\r\n\r\n', status: 404, says: 'not found' },
  ])('$name gets $status', async ({ bytes, status, says }) => {
    const answer = await exchange(bytes);
    expect(statusOf(answer)).toBe(status);
    expect(answer).toContain(says);
    await stillServes();
  });

  test.each([
    { name: 'garbage on the h2c port', port: () => activator.running.ports.http2, bytes: 'GET / HTTP/1.1\r\nHost: x\r\n\r\n' },
    { name: 'a truncated h2c preface', port: () => activator.running.ports.http2, bytes: 'PRI * HTTP/2.0\r\n\r\nSM' },
    { name: 'garbage on the metrics port', port: () => activator.running.ports.metrics, bytes: '\x16\x03\x01 tls hello\r\n\r\n' },
  ])('$name closes that connection only', async ({ port, bytes }) => {
    expect(await exchange(bytes, port())).not.toBe('TIMEOUT');
    await stillServes();
    expect((await send(activator.running.ports.metrics, undefined, { path: '/healthz' })).status).toBe(200);
  });

  test("generated requests get a 4xx or the pod's answer, never a crash or a hang", async () => {
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/);
    const anyText = fc.string({ maxLength: 200, unit: 'binary' });
    const request = fc.record({
      method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PRI'), token, anyText),
      path: fc.oneof(fc.constant('/'), fc.webPath(), anyText),
      version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''),
      headers: fc.array(fc.tuple(fc.oneof(token, anyText), anyText), { maxLength: 8 }),
      revision: fc.option(fc.oneof(fc.constant('hello-00001'), anyText)),
      body: fc.option(anyText),
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        let text = `${r.method} ${r.path} ${r.version}\r\nHost: x\r\nConnection: close\r\n`;
        if (r.revision !== null) text += `Knative-Serving-Namespace: default\r\nKnative-Serving-Revision: ${r.revision}\r\n`;
        for (const [k, v] of r.headers) text += `${k}: ${v}\r\n`;
        text += `\r\n${r.body ?? ''}`;
        const answer = await exchange(Buffer.from(text, 'latin1'));
        expect(answer).not.toBe('TIMEOUT');
        const status = statusOf(answer);
        // No answer at all is a closed connection (e.g. an HTTP/1.0 keep-alive quirk); anything answered is a 4xx or the pod's.
        if (status !== undefined) expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
      }),
      { numRuns: 150 },
    );
    await stillServes();
  });

  test("generated h2c requests get a 4xx or the pod's answer, and the session survives them", async () => {
    const session = http2.connect(`http://127.0.0.1:${activator.running.ports.http2}`);
    session.on('error', () => undefined);
    const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9a-z-]{1,20}$/);
    const value = fc.stringMatching(/^[\x20-\x7e]{0,100}$/);
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'QUERY'),
      path: fc.oneof(fc.webPath(), value.map((v) => `/${v}`)),
      headers: fc.dictionary(token.filter((t) => !['connection', 'keep-alive', 'te', 'transfer-encoding', 'upgrade', 'proxy-connection', 'host', 'http2-settings'].includes(t)), value, { maxKeys: 6 }),
      revision: fc.option(fc.oneof(fc.constant('hello-00001'), value)),
      body: fc.option(value),
    });
    try {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const headers: http2.OutgoingHttpHeaders = { ...r.headers, ':method': r.method, ':path': r.path };
          if (r.revision !== null) Object.assign(headers, { 'knative-serving-namespace': 'default', 'knative-serving-revision': r.revision });
          const status = await new Promise<number>((resolve, reject) => {
            const stream = session.request(headers, { endStream: false });
            stream.on('response', (h) => resolve(Number(h[':status'])));
            // HTTP/2 itself refuses a malformed stream (an empty :path); the session goes on.
            stream.on('error', (err: NodeJS.ErrnoException) => (/PROTOCOL_ERROR/.test(err.message) ? resolve(0) : reject(err)));
            stream.resume();
            stream.end(r.body ?? undefined);
          });
          expect(status === 0 || status === 200 || (status >= 400 && status < 500)).toBe(true);
        }),
        { numRuns: 100 },
      );
    } finally {
      session.close();
    }
    await stillServes();
  });
});
