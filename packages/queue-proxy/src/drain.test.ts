import net from 'node:net';
import { FakeClock } from '@knot/runtime/testing';
import { EchoApp } from './testing/echo-app.js';
import { request, settle, startQueueProxy } from './testing/harness.js';

const PROBE = { 'k-network-probe': 'queue', 'user-agent': 'kube-probe/1.30' };

function track<T>(p: Promise<T>): { done: boolean; value?: T } {
  const state: { done: boolean; value?: T } = { done: false };
  void p.then((v) => Object.assign(state, { done: true, value: v }));
  return state;
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });
}

describe('drain', () => {
  it('fails readiness at once, serves until a quiet period passes, answers /wait-for-drain, then stops after the last request', async () => {
    const app = await new EchoApp().listen();
    const clock = new FakeClock();
    const s = await startQueueProxy(app.port, {}, { clock, drainQuietMs: 30_000, closeGraceMs: 60_000 });
    const { ports } = s.qp;
    try {
      expect((await request(ports.serving, '/', { headers: PROBE })).status).toBe(200);
      const long = request(ports.serving, '/hold');
      const held = await app.held();

      s.controller.abort();
      const probe = await request(ports.serving, '/', { headers: PROBE });
      expect(probe).toMatchObject({ status: 503, body: 'shutting down\n' });
      const preStop = track(request(ports.admin, '/wait-for-drain'));
      const done = track(s.qp.done);

      // Requests still get through while draining, and each starts the quiet period over.
      clock.advance(20_000);
      expect((await request(ports.serving, '/during')).status).toBe(200);
      await clock.advanceAsync(29_999);
      await settle();
      expect(preStop.done).toBe(false);
      await clock.advanceAsync(1);
      await settle();
      expect(preStop.done).toBe(true);
      // The drain is over, but the held request is still being served.
      expect(done.done).toBe(false);
      expect(await refused(ports.serving)).toBe(true);
      held.release();
      expect((await long).status).toBe(200);
      await s.qp.done;
      expect(await refused(ports.admin)).toBe(true);
      expect(await refused(ports.stats)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('drain() does what the signal does and resolves once everything stopped', async () => {
    const app = await new EchoApp().listen();
    const s = await startQueueProxy(app.port);
    try {
      await s.qp.drain();
      expect(await refused(s.qp.ports.serving)).toBe(true);
      expect(await refused(s.qp.ports.metrics)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('gives back a drain that only /wait-for-drain started when no shutdown follows', async () => {
    const app = await new EchoApp().listen();
    const clock = new FakeClock();
    const s = await startQueueProxy(app.port, {}, { clock, drainQuietMs: 30_000 });
    try {
      const preStop = track(request(s.qp.ports.admin, '/wait-for-drain'));
      await settle();
      expect((await request(s.qp.ports.serving, '/', { headers: PROBE })).status).toBe(503);
      await clock.advanceAsync(1000);
      await settle();
      expect(preStop).toMatchObject({ done: true, value: { status: 200 } });
      expect((await request(s.qp.ports.serving, '/', { headers: PROBE })).status).toBe(200);
    } finally {
      await s.stop();
      await app.close();
    }
  });
});

describe('admin port', () => {
  it.each([
    { name: 'health', path: '/healthz', status: 200 },
    { name: 'anything else', path: '/nope', status: 404 },
  ])('$name', async ({ path, status }) => {
    const app = await new EchoApp().listen();
    const s = await startQueueProxy(app.port);
    try {
      expect((await request(s.qp.ports.admin, path)).status).toBe(status);
    } finally {
      await s.stop();
      await app.close();
    }
  });
});
