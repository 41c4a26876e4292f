// Hostile bytes at the gateway's listeners: every answer is an HTTP response below 500 (or a closed
// connection), and the gateway keeps serving.
import net from 'node:net';
import fc from 'fast-check';
import { addService, echoBackend, ingress, request, rule, split, startGateway, type Backend, type Harness } from './testing/fixtures.js';

let h: Harness;
let echo: Backend;
beforeAll(async () => {
  h = await startGateway({ limits: { maxHeaderBytes: 8192, maxBodyBytes: 4096 } });
  echo = await echoBackend('echo');
  await addService(h.store, 'echo', [echo.port]);
  await h.applyIngress(ingress('fuzz', [rule(['fuzz.example.com'], [{ path: '/a', splits: [split('echo')] }, { headers: { 'x-tag': { exact: 'b' } }, splits: [split('echo')] }])]));
});
afterAll(async () => {
  await h.stop();
  await echo.close();
});

/** Writes `bytes`, half-closes, and returns what came back before the gateway closed (bounded by a socket timeout). */
function exchange(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    let data = '';
    socket.setTimeout(3000, () => socket.destroy());
    socket.on('data', (c: Buffer) => (data += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(data));
  });
}

const token = fc.stringMatching(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,20}$/);
const anyText = fc.string({ maxLength: 200 });
const header = fc.tuple(fc.oneof(token, anyText), fc.oneof(anyText, fc.constantFrom('fuzz.example.com', 'b', 'chunked', '-1', '99999999999', 'keep-alive, upgrade', 'websocket')));
const requestHead = fc.record({
  method: fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'CONNECT', 'PRI'), token),
  target: fc.oneof(fc.constantFrom('/', '/a', '/a/../../etc/passwd', '*', 'http://fuzz.example.com/a', '/%00'), anyText),
  version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9', ''),
  host: fc.oneof(fc.constantFrom('fuzz.example.com', 'FUZZ.example.com:99999', '', '[::1]:80', 'a'.repeat(300)), anyText),
  headers: fc.array(header, { maxLength: 8 }),
  body: fc.oneof(fc.constant(''), anyText, fc.constant('x'.repeat(5000))),
});

test('malformed, oversized and hostile HTTP/1 requests get an answer below 500, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(requestHead, async (r) => {
      const lines = [`${r.method} ${r.target} ${r.version}`, `Host: ${r.host}`, ...r.headers.map(([k, v]) => `${k}: ${v}`)];
      const raw = Buffer.from(`${lines.join('\r\n')}\r\n\r\n${r.body}`, 'latin1');
      const reply = await exchange(h.gateway.ports.external, raw);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1];
      if (status !== undefined) expect(Number(status)).toBeLessThan(500);
    }),
    { numRuns: 150 },
  );
  expect((await request(h.gateway.ports.external, { host: 'fuzz.example.com', path: '/a' })).status).toBe(200);
});

test('random bytes, including broken HTTP/2 prefaces, never take the gateway down', async () => {
  const preface = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), fc.boolean(), async (bytes, withPreface) => {
      await exchange(h.gateway.ports.internal, withPreface ? Buffer.concat([preface, bytes]) : Buffer.from(bytes));
    }),
    { numRuns: 100 },
  );
  expect((await request(h.gateway.ports.internal, { host: 'fuzz.example.com', path: '/a' })).status).toBe(200);
});
