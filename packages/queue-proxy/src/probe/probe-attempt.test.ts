import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { QueueProxyProbe } from '@knot/api';
import { systemClock } from '@knot/runtime';
import { createProbeAttempt } from './probe-attempt.js';

const attempt = createProbeAttempt(systemClock);
const servers: net.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function serve<S extends net.Server>(s: S): Promise<number> {
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as AddressInfo).port;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('HTTP probe', () => {
  let seen: http.IncomingHttpHeaders[] = [];
  let port = 0;
  beforeEach(async () => {
    seen = [];
    port = await serve(
      http.createServer((req, res) => {
        seen.push({ ...req.headers, path: req.url });
        const status = Number(/\d{3}/.exec(req.url ?? '')?.[0] ?? 200);
        if (req.url === '/never') return;
        res.writeHead(status).end();
      }),
    );
  });

  it.each([
    { name: '200 passes', path: '/200', want: undefined },
    { name: '302 passes', path: '302', want: undefined },
    { name: '404 fails', path: '/404', want: 'answered 404' },
    { name: '503 fails', path: '/503', want: 'answered 503' },
    { name: 'no answer in time fails', path: '/never', want: 'no answer within 50 ms' },
  ])('$name', async ({ path, want }) => {
    const probe: QueueProxyProbe = { httpGet: { port, path, httpHeaders: [{ name: 'X-Custom', value: 'yes' }] } };
    const failure = await attempt(probe, 50);
    if (want === undefined) expect(failure).toBeUndefined();
    else expect(failure).toContain(want);
    expect(seen[0]).toMatchObject({ 'x-custom': 'yes', 'user-agent': expect.stringMatching(/^kube-probe\//) as unknown });
  });

  it('fails naming the error when nothing listens', async () => {
    const p = await closedPort();
    expect(await attempt({ httpGet: { port: p, path: '/' } }, 1000)).toContain('ECONNREFUSED');
  });
});

describe('TCP probe', () => {
  it('passes when the port accepts and fails when it refuses', async () => {
    const open = await serve(net.createServer((s) => s.destroy()));
    expect(await attempt({ tcpSocket: { port: open } }, 1000)).toBeUndefined();
    expect(await attempt({ tcpSocket: { port: await closedPort(), host: '127.0.0.1' } }, 1000)).toContain('ECONNREFUSED');
  });
});

describe('gRPC probe', () => {
  it.each([
    { name: 'SERVING passes', status: 1, grpcStatus: '0', want: undefined },
    { name: 'NOT_SERVING fails', status: 2, grpcStatus: '0', want: 'reported status 2' },
    { name: 'a gRPC error fails', status: 1, grpcStatus: '12', want: 'grpc-status 12' },
  ])('$name', async ({ status, grpcStatus, want }) => {
    const services: string[] = [];
    const port = await serve(
      http2.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks);
          services.push(body.subarray(7).toString());
          res.writeHead(200, { 'content-type': 'application/grpc' });
          res.addTrailers({ 'grpc-status': grpcStatus });
          res.end(Buffer.from([0, 0, 0, 0, 2, 0x08, status]));
        });
      }),
    );
    const failure = await attempt({ grpc: { port, service: 'my.Service' } }, 1000);
    if (want === undefined) expect(failure).toBeUndefined();
    else expect(failure).toContain(want);
    expect(services).toEqual(['my.Service']);
  });
});
