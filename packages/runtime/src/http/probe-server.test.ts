import type http from 'node:http';
import { Counter } from 'prom-client';
import { createMetricsRegistry } from './metrics-registry.js';
import { closeServer, createProbeServer, listen } from './probe-server.js';
import { Readiness } from './readiness.js';

let server: http.Server;
let base: string;
let readiness: Readiness;

beforeEach(async () => {
  readiness = new Readiness();
  const registry = createMetricsRegistry({ processMetrics: false });
  new Counter({ name: 'knot_test_total', help: 'a test counter', registers: [registry] }).inc(3);
  server = createProbeServer({ readiness, registry });
  base = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`;
});

afterEach(() => closeServer(server));

async function probe(path: string, method = 'GET'): Promise<{ status: number; body: string; type: string | null }> {
  const res = await fetch(base + path, { method });
  return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
}

test('healthz answers ok whatever the readiness', async () => {
  readiness.drain();
  expect(await probe('/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
});

test('readyz follows readiness: not ready, ready, then 503 for good once draining', async () => {
  expect(await probe('/readyz')).toMatchObject({ status: 503, body: 'not ready\n' });
  readiness.setReady(true);
  expect(await probe('/readyz')).toMatchObject({ status: 200, body: 'ok\n' });
  readiness.drain();
  expect(await probe('/readyz')).toMatchObject({ status: 503, body: 'draining\n' });
  readiness.setReady(true);
  expect((await probe('/readyz')).status).toBe(503);
});

test('readyz names the checks that fail, including ones that throw', async () => {
  readiness.setReady(true);
  let synced = false;
  readiness.addCheck('informers synced', () => synced);
  const remove = readiness.addCheck('config loaded', () => {
    throw new Error('boom');
  });
  expect(await probe('/readyz')).toMatchObject({ status: 503, body: 'informers synced\nconfig loaded\n' });
  synced = true;
  remove();
  expect((await probe('/readyz')).status).toBe(200);
});

test('metrics serves the registry in Prometheus text format', async () => {
  const res = await probe('/metrics');
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(res.body).toContain('knot_test_total 3');
});

test.each([
  { name: 'unknown path', path: '/nope', method: 'GET', status: 404 },
  { name: 'POST to a probe', path: '/healthz', method: 'POST', status: 405 },
  { name: 'HEAD of readyz', path: '/readyz', method: 'HEAD', status: 503 },
  { name: 'query strings are ignored', path: '/healthz?verbose', method: 'GET', status: 200 },
])('$name → $status', async ({ path, method, status }) => {
  expect((await probe(path, method)).status).toBe(status);
});

test('without a registry /metrics is not served', async () => {
  const bare = createProbeServer({});
  const port = await listen(bare, 0, '127.0.0.1');
  try {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  } finally {
    await closeServer(bare);
  }
});
