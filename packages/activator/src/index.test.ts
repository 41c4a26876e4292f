// The activator on real sockets: fake pods answer probes like queue-proxy, the
// revisions and Endpoints live in the in-memory store, time is a fake clock.
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { eventually } from '@knot/runtime/testing';
import { core } from '@knot/api';
import { FakeAutoscaler } from './testing/fake-autoscaler.js';
import { FakePod } from './testing/fake-pod.js';
import { addRevision as storeRevision, send, setEndpoints, startActivator, type Answer, type TestActivator } from './testing/harness.js';

const open: { close(): Promise<void> }[] = [];
let activator: TestActivator | undefined;

async function pod(protocol: 'http1' | 'h2c' = 'http1'): Promise<FakePod> {
  const p = await new FakePod(protocol).listen();
  open.push(p);
  return p;
}

afterEach(async () => {
  await activator?.stop();
  activator = undefined;
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/** Creates the Revision and waits until the activator knows it. */
async function addRevision(store: TestActivator['store'], name: string, spec: Parameters<typeof storeRevision>[2] = {}): Promise<void> {
  await storeRevision(store, name, spec);
  await eventually(`revision ${name} known`, () => activator?.running.revisionState('default', name));
}

/** Waits until the activator holds `waiting` requests for the revision in its queue. */
const queued = (name: string, waiting: number) => eventually(`${waiting} queued for ${name}`, () => (activator?.running.revisionState('default', name)?.waiting === waiting ? true : undefined));

const json = (a: Answer) => JSON.parse(a.body) as { headers: Record<string, string>; url: string; method: string; body: string; pod: number };

describe('activator proxying', () => {
  test('sends a request to a probed pod with K-Proxy-Request, keeping Host, path, body and trace context', async () => {
    activator = await startActivator();
    const p = await pod();
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const answer = await send(activator.running.ports.http, 'hello-00001', { method: 'POST', path: '/greet?x=1', headers: { host: 'hello.default.example.com', traceparent }, body: 'hi' });
    expect(answer.status).toBe(200);
    expect(json(answer)).toMatchObject({
      method: 'POST',
      url: '/greet?x=1',
      body: 'hi',
      headers: { host: 'hello.default.example.com', traceparent, 'k-proxy-request': 'activator' },
    });
    expect(p.probes[0]).toMatchObject({ 'k-network-probe': 'queue', 'user-agent': 'Knative-Activator-Probe' });
  });

  test.each([
    { name: 'no revision headers', revision: undefined, headers: {}, status: 400, says: 'missing Knative-Serving-Namespace or Knative-Serving-Revision header' },
    { name: 'only a namespace', revision: undefined, headers: { 'knative-serving-namespace': 'default' }, status: 400, says: 'Knative-Serving-Revision header' },
    { name: 'an unknown revision', revision: 'nope-00001', headers: {}, status: 404, says: 'revision default/nope-00001 not found' },
    { name: 'an unexpected network probe', revision: undefined, headers: { 'k-network-probe': 'queue' }, status: 400, says: 'unexpected K-Network-Probe value' },
  ])('$name gets $status saying why', async ({ revision, headers, status, says }) => {
    activator = await startActivator();
    const answer = await send(activator.running.ports.http, revision, { headers });
    expect(answer.status).toBe(status);
    expect(answer.body).toContain(says);
  });

  test('answers ingress probes and kubelet probes itself', async () => {
    activator = await startActivator();
    const probe = await send(activator.running.ports.http, undefined, { headers: { 'k-network-probe': 'probe', 'k-network-hash': 'abc' } });
    expect([probe.status, probe.headers['k-network-hash']]).toEqual([200, 'abc']);
    const kubelet = await send(activator.running.ports.http, undefined, { headers: { 'user-agent': 'kube-probe/1.30' } });
    expect(kubelet.status).toBe(200);
  });

  test('buffers while the revision scales from zero, wakes the autoscaler at once, and sends when a pod appears', async () => {
    const autoscaler = await new FakeAutoscaler().listen();
    open.push(autoscaler);
    activator = await startActivator({ autoscalerUrl: autoscaler.url });
    await eventually('the autoscaler connection', () => (autoscaler.connections > 0 ? true : undefined));
    await addRevision(activator.store, 'hello-00001');
    const pending = send(activator.running.ports.http, 'hello-00001');
    const poke = await eventually('the wake-up stat', () => autoscaler.statsFor('hello-00001')[0]);
    expect(poke).toMatchObject({ podName: 'activator-test', averageConcurrentRequests: 1, requestCount: 1 });
    const p = await pod();
    await setEndpoints(activator.store, 'hello-00001', [p]);
    expect((await pending).status).toBe(200);
    expect(p.served).toHaveLength(1);
    // One wake-up per episode at zero.
    expect(autoscaler.statsFor('hello-00001')).toHaveLength(1);
  });

  test('waits for a pod to pass its probe, probing every 200 ms', async () => {
    activator = await startActivator();
    const p = await pod();
    p.ready = false;
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    let answered = false;
    const pending = send(activator.running.ports.http, 'hello-00001').then((a) => ((answered = true), a));
    await eventually('the first probe', () => (p.probes.length > 0 ? true : undefined));
    await activator.clock.advanceAsync(199);
    expect(p.probes).toHaveLength(1);
    expect(answered).toBe(false);
    p.ready = true;
    await activator.clock.advanceAsync(1);
    expect((await pending).status).toBe(200);
    expect(p.probes).toHaveLength(2);
    expect(p.served).toHaveLength(1);
  });

  test('504 naming the revision when its timeout passes before a pod is ready', async () => {
    activator = await startActivator();
    await addRevision(activator.store, 'hello-00001', { timeoutSeconds: 5 });
    const pending = send(activator.running.ports.http, 'hello-00001');
    await queued('hello-00001', 1);
    await activator.clock.advanceAsync(5000);
    const answer = await pending;
    expect(answer.status).toBe(504);
    expect(answer.body).toContain('timed out after 5s waiting for revision default/hello-00001 to have capacity (0 ready pods)');
  });

  test('503 once the queue is full, saying so', async () => {
    activator = await startActivator({ queueDepth: 2 });
    await addRevision(activator.store, 'hello-00001', { timeoutSeconds: 5 });
    const port = activator.running.ports.http;
    const waiting = [send(port, 'hello-00001'), send(port, 'hello-00001')];
    await queued('hello-00001', 2);
    const refused = await send(port, 'hello-00001');
    expect(refused.status).toBe(503);
    expect(refused.body).toContain("the activator's queue for revision default/hello-00001 is full (2 requests waiting)");
    await activator.clock.advanceAsync(5000);
    expect((await Promise.all(waiting)).map((a) => a.status)).toEqual([504, 504]);
  });

  test('a containerConcurrency of 1 sends one request per pod at a time; the next waits for the slot', async () => {
    activator = await startActivator();
    const p = await pod();
    await addRevision(activator.store, 'hello-00001', { containerConcurrency: 1 });
    await setEndpoints(activator.store, 'hello-00001', [p]);
    p.hold();
    const port = activator.running.ports.http;
    const first = send(port, 'hello-00001');
    await eventually('the first at the pod', () => (p.waiting === 1 ? true : undefined));
    const second = send(port, 'hello-00001');
    await queued('hello-00001', 1);
    expect(p.waiting).toBe(1);
    p.release();
    p.hold();
    await eventually('the second at the pod', () => (p.waiting === 1 ? true : undefined));
    p.release();
    expect((await Promise.all([first, second])).map((a) => a.status)).toEqual([200, 200]);
  });

  test('502 naming the pod when it cannot be reached', async () => {
    activator = await startActivator();
    const p = await pod();
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    await send(activator.running.ports.http, 'hello-00001');
    await p.close();
    const answer = await send(activator.running.ports.http, 'hello-00001');
    expect(answer.status).toBe(502);
    expect(answer.body).toContain(`error reaching revision default/hello-00001 at 127.0.0.1:${p.port}`);
  });

  test('a bodiless request whose kept-alive connection the pod just closed is sent again on a new one', async () => {
    activator = await startActivator();
    // Each connection answers its first request (keeping the connection) and drops the second unanswered.
    const server = net.createServer((socket) => {
      let seen = 0;
      let buffered = '';
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        while (buffered.includes('\r\n\r\n')) {
          buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
          if (++seen > 1) return void socket.destroy();
          socket.write('HTTP/1.1 200 OK\r\ncontent-length: 5\r\nconnection: keep-alive\r\n\r\nqueue');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    open.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [{ port: (server.address() as AddressInfo).port } as FakePod]);
    await eventually('the probed pod', () => ((activator?.running.revisionState('default', 'hello-00001')?.pods ?? 0) > 0 ? true : undefined));
    const answer = await send(activator.running.ports.http, 'hello-00001');
    expect([answer.status, answer.body]).toEqual([200, 'queue']);
  });

  test('504 when the pod does not start responding within responseStartTimeoutSeconds', async () => {
    activator = await startActivator();
    const p = await pod();
    await addRevision(activator.store, 'hello-00001', { timeoutSeconds: 60, responseStartTimeoutSeconds: 2 });
    await setEndpoints(activator.store, 'hello-00001', [p]);
    p.hold();
    const pending = send(activator.running.ports.http, 'hello-00001');
    await eventually('the request at the pod', () => (p.waiting === 1 ? true : undefined));
    await activator.clock.advanceAsync(2000);
    const answer = await pending;
    expect(answer.status).toBe(504);
    expect(answer.body).toContain('revision default/hello-00001 did not respond within 2s');
  });
});

describe('activator stats and instances', () => {
  test("reports each second the revision's concurrency, counting requests that wait and that are at the pod", async () => {
    const autoscaler = await new FakeAutoscaler().listen();
    open.push(autoscaler);
    activator = await startActivator({ autoscalerUrl: autoscaler.url });
    await eventually('the autoscaler connection', () => (autoscaler.connections > 0 ? true : undefined));
    const p = await pod();
    await addRevision(activator.store, 'hello-00001', { containerConcurrency: 1 });
    await setEndpoints(activator.store, 'hello-00001', [p]);
    await eventually('the probed pod', () => ((activator?.running.revisionState('default', 'hello-00001')?.pods ?? 0) > 0 ? true : undefined));
    p.hold();
    const port = activator.running.ports.http;
    const answers = [send(port, 'hello-00001'), send(port, 'hello-00001')];
    await queued('hello-00001', 1);
    await activator.clock.advanceAsync(1000);
    const stat = await eventually('a periodic stat', () => autoscaler.statsFor('hello-00001')[0]);
    // The fake clock stood still until then, so both were in flight (one at the pod, one waiting) for the whole second.
    expect(stat).toMatchObject({ podName: 'activator-test', requestCount: 2, averageConcurrentRequests: 2, averageProxiedConcurrentRequests: 0 });
    p.release();
    p.hold();
    await eventually('the second at the pod', () => (p.waiting === 1 ? true : undefined));
    p.release();
    await Promise.all(answers);
  });

  test('two activators run in one process side by side, each with its own ports and metrics', async () => {
    activator = await startActivator();
    const second = await startActivator({ store: activator.store, clock: activator.clock });
    try {
      const p = await pod();
      await addRevision(activator.store, 'hello-00001');
      await setEndpoints(activator.store, 'hello-00001', [p]);
      expect((await send(activator.running.ports.http, 'hello-00001')).status).toBe(200);
      expect((await send(second.running.ports.http, 'hello-00001')).status).toBe(200);
      expect(new Set(Object.values({ ...activator.running.ports, ...{ a: second.running.ports.http, b: second.running.ports.http2, c: second.running.ports.metrics } })).size).toBe(6);
      const count = async (port: number) => /activator_request_count\{[^}]*response_code="200"[^}]*\} (\d+)/.exec((await send(port, undefined, { path: '/metrics' })).body)?.[1];
      expect([await count(activator.running.ports.metrics), await count(second.running.ports.metrics)]).toEqual(['1', '1']);
    } finally {
      await second.stop();
    }
  });
});

describe('several activators in one revision path', () => {
  test('split the pods between them, so each pod stays within containerConcurrency', async () => {
    activator = await startActivator({ podIP: '127.0.0.1' });
    const other = await startActivator({ store: activator.store, clock: activator.clock, podIP: '127.0.0.1' });
    try {
      const pods = [await pod(), await pod()];
      await addRevision(activator.store, 'hello-00001', { containerConcurrency: 1 });
      await setEndpoints(activator.store, 'hello-00001', pods);
      // Proxy mode: the public Endpoints (named like the revision) list both activators.
      await activator.store.create(core.endpoints, {
        metadata: { namespace: 'default', name: 'hello-00001' },
        subsets: [activator, other].map((a) => ({ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port: a.running.ports.http }] })),
      });
      for (const a of [activator, other]) {
        await eventually('one pod each', () => (a.running.revisionState('default', 'hello-00001')?.pods === 1 ? true : undefined));
      }
      pods.forEach((p) => p.hold());
      const answers = [send(activator.running.ports.http, 'hello-00001'), send(other.running.ports.http, 'hello-00001'), send(activator.running.ports.http, 'hello-00001')];
      await eventually('one request at each pod', () => (pods.every((p) => p.waiting === 1) ? true : undefined));
      await queued('hello-00001', 1);
      pods.forEach((p) => {
        p.release();
        p.hold();
      });
      await eventually('the last one at its pod', () => (pods.some((p) => p.waiting === 1) ? true : undefined));
      pods.forEach((p) => p.release());
      expect((await Promise.all(answers)).map((a) => a.status)).toEqual([200, 200, 200]);
      expect(pods.map((p) => p.served.length).sort()).toEqual([1, 2]);
    } finally {
      await other.stop();
    }
  });

  test('share a pod when there are fewer pods than activators', async () => {
    activator = await startActivator({ podIP: '127.0.0.1' });
    const other = await startActivator({ store: activator.store, clock: activator.clock, podIP: '127.0.0.1' });
    try {
      const p = await pod();
      await addRevision(activator.store, 'hello-00001', { containerConcurrency: 2 });
      await setEndpoints(activator.store, 'hello-00001', [p]);
      await activator.store.create(core.endpoints, {
        metadata: { namespace: 'default', name: 'hello-00001' },
        subsets: [activator, other].map((a) => ({ addresses: [{ ip: '127.0.0.1' }], ports: [{ name: 'http', port: a.running.ports.http }] })),
      });
      await eventually('the pod probed', () => (activator?.running.revisionState('default', 'hello-00001')?.pods === 1 ? true : undefined));
      p.hold();
      // Each activator may send 1 of the pod's 2 slots.
      const answers = [send(activator.running.ports.http, 'hello-00001'), send(activator.running.ports.http, 'hello-00001')];
      await queued('hello-00001', 1);
      expect(p.waiting).toBe(1);
      p.release();
      await Promise.all(answers);
    } finally {
      await other.stop();
    }
  });
});

describe('activator metrics, health and drain', () => {
  test('counts requests and latencies per revision and status under Knative activator names on the metrics port', async () => {
    activator = await startActivator();
    const p = await pod();
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    await send(activator.running.ports.http, 'hello-00001');
    await send(activator.running.ports.http, 'nope-00001');
    const text = (await send(activator.running.ports.metrics, undefined, { path: '/metrics' })).body;
    const labels = 'namespace_name="default",service_name="hello",configuration_name="hello",revision_name="hello-00001",response_code="200",response_code_class="2xx"';
    expect(text).toContain(`activator_request_count{${labels}} 1`);
    expect(text).toContain(`activator_request_latencies_count{${labels}} 1`);
    expect(text).toContain('# TYPE activator_request_concurrent_requests gauge');
  });

  test('reports ready on /readyz once its caches are synced', async () => {
    activator = await startActivator();
    const answer = await send(activator.running.ports.metrics, undefined, { path: '/readyz' });
    expect(answer.status).toBe(200);
  });

  test('on stop, fails readiness but keeps serving through the drain period, then closes', async () => {
    const abort = new AbortController();
    activator = await startActivator({ signal: abort.signal, drainMs: 10_000 });
    const p = await pod();
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    abort.abort();
    const ready = await send(activator.running.ports.metrics, undefined, { path: '/readyz' });
    expect([ready.status, ready.body]).toEqual([503, 'draining\n']);
    expect((await send(activator.running.ports.http, 'hello-00001')).status).toBe(200);
    let stopped = false;
    void activator.running.done.then(() => (stopped = true));
    await activator.clock.advanceAsync(9_999);
    expect(stopped).toBe(false);
    await activator.clock.advanceAsync(1);
    await activator.running.done;
    await expect(send(activator.running.ports.http, 'hello-00001')).rejects.toThrow(/ECONNREFUSED/);
    activator = undefined;
  });

  test('a request still in flight after the close grace period is cut, so stopping ends', async () => {
    const abort = new AbortController();
    activator = await startActivator({ signal: abort.signal, closeGraceMs: 5_000 });
    const p = await pod();
    await addRevision(activator.store, 'hello-00001');
    await setEndpoints(activator.store, 'hello-00001', [p]);
    p.hold();
    const pending = send(activator.running.ports.http, 'hello-00001').then(
      (a) => a.status,
      (err: Error) => err.message,
    );
    await eventually('the request at the pod', () => (p.waiting === 1 ? true : undefined));
    abort.abort();
    let stopped = false;
    void activator.running.done.then(() => (stopped = true));
    await activator.clock.advanceAsync(4_999);
    expect(stopped).toBe(false);
    await activator.clock.advanceAsync(1);
    await activator.running.done;
    expect(await pending).toBe('socket hang up');
    activator = undefined;
  });
});
