import net from 'node:net';
import { NANOS_PER_MILLISECOND, parseStatMessages, type StatMessage } from '@knot/api';
import { noopLogger } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import fc from 'fast-check';
import WebSocket from 'ws';
import { MetricCollector } from '../metrics/metric-collector.js';
import { statOf } from '../metrics/testing/stat-pod.js';
import { KpaMultiScaler } from '../scaling/multi-scaler.js';
import { baseSpec } from '../scaling/testing/base-spec.js';
import { CLOSE_SERVICE_RESTART, startStatServer, type StatServer } from './stat-server.js';
import { statsSink } from './stats-sink.js';

const message = (name: string, concurrency: number): StatMessage => ({ key: { namespace: 'default', name }, stat: statOf('activator-1', { averageConcurrentRequests: concurrency, requestCount: concurrency }) });

/** A server whose frames land in `received`; `next()` resolves with the next frame's messages. */
async function server(opts: { maxFrameBytes?: number } = {}) {
  const received: (readonly StatMessage[])[] = [];
  let waiting: ((m: readonly StatMessage[]) => void) | undefined;
  const srv = await startStatServer({
    port: 0,
    host: '127.0.0.1',
    logger: noopLogger,
    maxFrameBytes: opts.maxFrameBytes,
    onStats: (m) => {
      received.push(m);
      waiting?.(m);
    },
  });
  const next = () => new Promise<readonly StatMessage[]>((resolve) => (waiting = resolve));
  return { srv, received, next };
}

async function connect(srv: StatServer): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${srv.port}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

const closedWith = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

const servers: StatServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('stat server', () => {
  test('each frame’s stat messages reach the handler', async () => {
    const { srv, next } = await server();
    servers.push(srv);
    const ws = await connect(srv);
    const got = next();
    ws.send(JSON.stringify([message('hello-00001', 3), message('bye-00002', 0)]));
    expect(await got).toEqual([message('hello-00001', 3), message('bye-00002', 0)]);
    ws.close();
  });

  test('bad frames are dropped and the connection stays up', async () => {
    const { srv, received, next } = await server();
    servers.push(srv);
    const ws = await connect(srv);
    for (const bad of ['not json', '{}', '[{"key":{}}]', JSON.stringify([{ key: { namespace: 'a', name: 'b' }, stat: { podName: 'x', averageConcurrentRequests: -1 } }])]) ws.send(bad);
    ws.send(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    const got = next();
    ws.send(JSON.stringify([message('hello-00001', 1)]));
    expect(await got).toEqual([message('hello-00001', 1)]);
    expect(received).toHaveLength(1);
    expect(srv.counts).toEqual({ accepted: 1, dropped: 5 });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  test('a JSON frame sent as binary is read too', async () => {
    const { srv, next } = await server();
    servers.push(srv);
    const ws = await connect(srv);
    const got = next();
    ws.send(Buffer.from(JSON.stringify([message('hello-00001', 2)])), { binary: true });
    expect(await got).toEqual([message('hello-00001', 2)]);
    ws.close();
  });

  test('an oversized frame closes that connection only (1009)', async () => {
    const { srv, next } = await server({ maxFrameBytes: 1024 });
    servers.push(srv);
    const big = await connect(srv);
    const other = await connect(srv);
    const closed = closedWith(big);
    big.send('x'.repeat(4096));
    expect(await closed).toBe(1009);
    const got = next();
    other.send(JSON.stringify([message('hello-00001', 1)]));
    expect(await got).toHaveLength(1);
    other.close();
  });

  test.each([
    { name: 'a kubelet probe by User-Agent', headers: { 'user-agent': 'kube-probe/1.30' }, status: 200 },
    { name: 'a kubelet probe by header', headers: { 'k-kubelet-probe': 'queue' }, status: 200 },
    { name: 'plain HTTP', headers: {}, status: 426 },
  ])('$name gets $status', async ({ headers, status }) => {
    const { srv } = await server();
    servers.push(srv);
    const res = await fetch(`http://127.0.0.1:${srv.port}/`, { headers });
    await res.text();
    expect(res.status).toBe(status);
  });

  test('closing tells connected activators to reconnect (1012)', async () => {
    const { srv } = await server();
    const ws = await connect(srv);
    const closed = closedWith(ws);
    await srv.close();
    expect(await closed).toBe(CLOSE_SERVICE_RESTART);
  });

  test('fuzz: arbitrary frames never close the server or let a bad message through', async () => {
    const { srv, received, next } = await server({ maxFrameBytes: 64 * 1024 });
    servers.push(srv);
    const ws = await connect(srv);
    const frame = fc.oneof(
      fc.string(),
      fc.json(),
      fc.array(fc.record({ key: fc.record({ namespace: fc.string(), name: fc.string() }), stat: fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.string(), fc.constant(null))) })).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(frame, (f) => {
        ws.send(f);
      }),
      { numRuns: 300 },
    );
    // Garbage on a raw socket too.
    await new Promise<void>((resolve) => {
      const raw = net.connect(srv.port, '127.0.0.1', () => raw.end('GARBAGE \x00\r\n\r\n'));
      raw.on('close', () => resolve());
      raw.on('error', () => resolve());
      raw.resume();
    });
    const got = next();
    ws.send(JSON.stringify([message('hello-00001', 1)]));
    await got;
    for (const m of received) expect(parseStatMessages(JSON.parse(JSON.stringify(m)))).toEqual(m);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    const again = await connect(srv);
    again.close();
    ws.close();
  });
});

describe('stats into the collector and the deciders', () => {
  test('demand for a revision at zero decides at once, without waiting for the tick', async () => {
    const clock = new FakeClock();
    const collector = new MetricCollector({ clock, logger: noopLogger, endpoints: () => undefined, scrapeOne: () => Promise.reject(new Error('no pods')) });
    collector.createOrUpdate({ metadata: { namespace: 'default', name: 'hello-00001' }, spec: { stableWindow: 60_000 * NANOS_PER_MILLISECOND, panicWindow: 6000 * NANOS_PER_MILLISECOND, scrapeTarget: 'hello-00001-private' } });
    const scaler = new KpaMultiScaler({ clock, logger: noopLogger, metrics: collector, readyPods: () => 0 });
    scaler.update('default/hello-00001', baseSpec);
    collector.record('default/hello-00001', clock.now(), statOf('activator-1'));
    clock.advance(2000);
    expect(scaler.get('default/hello-00001')?.status.desiredScale).toBe(0);

    const srv = await startStatServer({ port: 0, host: '127.0.0.1', logger: noopLogger, onStats: statsSink(collector, scaler, clock) });
    servers.push(srv);
    const changed = new Promise<string>((resolve) => scaler.onChange(resolve));
    const ws = await connect(srv);
    ws.send(JSON.stringify([message('hello-00001', 1), message('not-watched-00001', 1)]));
    expect(await changed).toBe('default/hello-00001');
    expect(scaler.get('default/hello-00001')?.status.desiredScale).toBe(1);
    ws.close();
    scaler.stop();
  });
});
