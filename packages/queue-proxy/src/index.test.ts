import { FakeClock } from '@knot/runtime/testing';
import { EchoApp, type EchoBody } from './testing/echo-app.js';
import { request, settle, startQueueProxy, type Started } from './testing/harness.js';

let app: EchoApp;
const running: Started[] = [];
async function qp(...args: Parameters<typeof startQueueProxy> extends [number, ...infer R] ? R : never): Promise<Started> {
  const s = await startQueueProxy(app.port, ...args);
  running.push(s);
  return s;
}

beforeEach(async () => {
  app = await new EchoApp().listen();
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
  await app.close();
});

describe('proxying', () => {
  it('sends requests to the app and relays its answer, with the Host the client used', async () => {
    const { qp: q } = await qp();
    const res = await request(q.ports.serving, '/echo?x=1', { method: 'POST', body: 'hello', headers: { host: 'hello.default.example.com', 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
    expect(res.headers['x-app']).toBe('echo');
    const seen = JSON.parse(res.body) as EchoBody;
    expect(seen).toMatchObject({ method: 'POST', url: '/echo?x=1', bodyBytes: 5 });
    expect(seen.headers.host).toBe('hello.default.example.com');
  });

  it.each([
    { name: 'trace context passes untouched', headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE' }, want: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'congo=t61rcWkgMzE' }, gone: [] },
    { name: 'K-Original-Host becomes the Host', headers: { 'k-original-host': 'original.example.com' }, want: { host: 'original.example.com' }, gone: ['k-original-host'] },
    { name: "the activator's revision headers are pruned", headers: { 'knative-serving-revision': 'hello-00001', 'knative-serving-namespace': 'default' }, want: {}, gone: ['knative-serving-revision', 'knative-serving-namespace'] },
    { name: 'Forwarded is derived from X-Forwarded-*', headers: { 'x-forwarded-for': '10.0.0.1, 2001:db8::1', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'a.example.com' }, want: { forwarded: 'for=10.0.0.1;host=a.example.com;proto=https, for="[2001:db8::1]"' }, gone: [] },
    { name: 'an existing Forwarded is kept', headers: { forwarded: 'for=1.2.3.4', 'x-forwarded-for': '5.6.7.8' }, want: { forwarded: 'for=1.2.3.4' }, gone: [] },
    { name: 'hop-by-hop headers stay behind', headers: { 'proxy-connection': 'keep-alive', te: 'gzip' }, want: {}, gone: ['proxy-connection', 'te'] },
  ])('$name', async ({ headers, want, gone }) => {
    const { qp: q } = await qp();
    const seen = JSON.parse((await request(q.ports.serving, '/', { headers })).body) as EchoBody;
    expect(seen.headers).toMatchObject(want);
    for (const g of gone) expect(seen.headers[g]).toBeUndefined();
  });

  it('answers 502 naming the port when the app does not listen', async () => {
    const port = app.port;
    await app.close();
    app = await new EchoApp().listen();
    const s = await startQueueProxy(port);
    running.push(s);
    const res = await request(s.qp.ports.serving, '/');
    expect(res.status).toBe(502);
    expect(res.body).toContain(`port ${port}`);
  });
});

describe('probes are answered by queue-proxy', () => {
  it.each([
    { name: 'K-Network-Probe: queue', headers: { 'k-network-probe': 'queue' }, status: 200, body: 'queue' },
    { name: 'a kubelet probe', headers: { 'k-network-probe': 'queue', 'user-agent': 'kube-probe/1.30' }, status: 200, body: 'queue' },
    { name: 'an activator probe', headers: { 'k-network-probe': 'queue', 'user-agent': 'Knative-Activator-Probe' }, status: 200, body: 'queue' },
    { name: 'a kubelet probe without the queue header', headers: { 'k-kubelet-probe': 'true' }, status: 400, body: 'unexpected probe header value' },
    { name: 'an ingress probe with a hash', headers: { 'k-network-probe': 'probe', 'k-network-hash': 'abc' }, status: 200, body: '' },
    { name: 'an ingress probe without a hash', headers: { 'k-network-probe': 'probe' }, status: 400, body: 'K-Network-Hash' },
  ])('$name', async ({ headers, status, body }) => {
    const { qp: q } = await qp();
    const res = await request(q.ports.serving, '/', { headers });
    expect(res.status).toBe(status);
    expect(res.body).toContain(body);
    if (headers['k-network-hash']) expect(res.headers['k-network-hash']).toBe('abc');
    expect(app.seen).toEqual([]);
  });

  it('answers 503 while the app is not ready, and the probe never reaches the app nor the stats', async () => {
    const clock = new FakeClock();
    const { qp: q } = await qp({ SERVING_READINESS_PROBE: JSON.stringify({ httpGet: { path: '/status/500', port: app.port, host: '127.0.0.1' }, successThreshold: 1 }) }, { clock, probeTimings: { roundMs: 0 } });
    const res = await request(q.ports.serving, '/', { headers: { 'k-network-probe': 'queue' } });
    expect(res.status).toBe(503);
    expect(res.body).toContain('not ready');
    expect(app.seen.every((s) => s.url === '/status/500')).toBe(true);
    clock.advance(1000);
    expect(q.stat().requestCount).toBe(0);
  });
});

describe('stats', () => {
  it('serves the last second as JSON for the autoscaler and as Prometheus text otherwise', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const { qp: q, config } = await qp({}, { clock });
    const held = request(q.ports.serving, '/hold');
    await app.held();
    clock.advance(500);
    await request(q.ports.serving, '/', { headers: { 'k-proxy-request': 'activator' } });
    (await app.held()).release();
    await held;
    clock.advance(500);
    const json = await request(q.ports.stats, '/metrics', { headers: { accept: 'application/json' } });
    expect(json.headers['content-type']).toBe('application/json');
    const stat = JSON.parse(json.body) as Record<string, number>;
    expect(stat).toMatchObject({ podName: config.servingPod, requestCount: 2, proxiedRequestCount: 1, processUptime: 1, timestamp: 1_700_000_001_000 });
    // The held request lasted 500 ms of the second; the other took no fake time.
    expect(stat.averageConcurrentRequests).toBeCloseTo(0.5);
    const text = await request(q.ports.stats, '/metrics');
    expect(text.body).toContain(`queue_requests_per_second{destination_pod="${config.servingPod}"} 2`);
    expect((await request(q.ports.stats, '/other')).status).toBe(404);
  });
});

describe('concurrency limit', () => {
  it('holds at most CC requests at the app, queues 10 x CC and refuses the next with 503', async () => {
    const { qp: q } = await qp({ CONTAINER_CONCURRENCY: '1' });
    const answers = Array.from({ length: 11 }, () => request(q.ports.serving, '/hold'));
    const first = await app.held(1);
    await settle();
    const refused = await request(q.ports.serving, '/hold');
    expect(refused.status).toBe(503);
    expect(refused.body).toContain('queue full');
    expect(app.seen.length).toBe(1);
    first.release();
    // Each release lets exactly the next one in.
    for (let i = 2; i <= 11; i++) {
      const h = await app.held(i);
      expect(app.seen.length).toBe(i);
      h.release();
    }
    expect((await Promise.all(answers)).map((a) => a.status)).toEqual(Array(11).fill(200));
  });

  it('answers 503 when the deadline passes while queued, and 504 when the app does not start answering in time', async () => {
    const clock = new FakeClock();
    const { qp: q } = await qp({ CONTAINER_CONCURRENCY: '1', REVISION_TIMEOUT_SECONDS: '10' }, { clock });
    const atApp = request(q.ports.serving, '/hold');
    await app.held();
    const queued = request(q.ports.serving, '/hold');
    await settle();
    clock.advance(10_000);
    const [a, b] = await Promise.all([atApp, queued]);
    expect(a.status).toBe(504);
    expect(a.body).toContain('timeoutSeconds');
    expect(b.status).toBe(503);
    expect(b.body).toContain('waiting for a free slot');
    expect(app.seen.length).toBe(1);
  });
});

describe('timeouts', () => {
  it.each([
    { name: 'total', env: { REVISION_TIMEOUT_SECONDS: '5' }, advance: 5000, setting: 'timeoutSeconds' },
    { name: 'response start', env: { REVISION_TIMEOUT_SECONDS: '60', REVISION_RESPONSE_START_TIMEOUT_SECONDS: '2' }, advance: 2000, setting: 'responseStartTimeoutSeconds' },
    { name: 'idle', env: { REVISION_TIMEOUT_SECONDS: '60', REVISION_IDLE_TIMEOUT_SECONDS: '3' }, advance: 3000, setting: 'idleTimeoutSeconds' },
  ] as { name: string; env: Record<string, string>; advance: number; setting: string }[])('$name timeout gives 504 when no response started', async ({ env, advance, setting }) => {
    const clock = new FakeClock();
    const { qp: q } = await qp(env, { clock });
    const answer = request(q.ports.serving, '/hold');
    await app.held();
    clock.advance(advance - 1);
    await settle();
    clock.advance(1);
    const res = await answer;
    expect(res.status).toBe(504);
    expect(res.body).toContain(setting);
  });

  it.each([
    { name: 'total', env: { REVISION_TIMEOUT_SECONDS: '5' }, advance: 5000 },
    { name: 'idle', env: { REVISION_TIMEOUT_SECONDS: '60', REVISION_IDLE_TIMEOUT_SECONDS: '3' }, advance: 3000 },
  ] as { name: string; env: Record<string, string>; advance: number }[])('a $name timeout after the response started cuts the connection', async ({ env, advance }) => {
    const clock = new FakeClock();
    const { qp: q } = await qp(env, { clock });
    const answer = request(q.ports.serving, '/stream');
    await app.held();
    await settle();
    clock.advance(advance);
    await expect(answer).rejects.toThrow(/aborted|socket hang up|ECONNRESET/);
  });

  it('leaves a streaming response alone while it stays within the idle timeout', async () => {
    const clock = new FakeClock();
    const { qp: q } = await qp({ REVISION_TIMEOUT_SECONDS: '60', REVISION_IDLE_TIMEOUT_SECONDS: '3' }, { clock });
    const answer = request(q.ports.serving, '/stream');
    await app.held();
    await settle();
    clock.advance(2000);
    (await app.held()).release();
    const res = await answer;
    expect(res).toMatchObject({ status: 200, body: 'first\nlast\n' });
  });
});

describe('metrics', () => {
  it("counts requests under Knative's names with the revision labels", async () => {
    const { qp: q } = await qp({ CONTAINER_CONCURRENCY: '2' });
    await request(q.ports.serving, '/status/201');
    await request(q.ports.serving, '/', { headers: { 'k-network-probe': 'queue' } });
    const text = (await request(q.ports.metrics, '/metrics')).body;
    const labels = 'namespace_name="default",service_name="hello",configuration_name="hello",revision_name="hello-00001",pod_name="hello-00001-deployment-abc",container_name="queue-proxy"';
    expect(text).toContain(`revision_request_count{${labels},response_code="201",response_code_class="2xx"} 1`);
    expect(text).toContain(`revision_app_request_count{${labels},response_code="201",response_code_class="2xx"} 1`);
    expect(text).toContain(`revision_request_latencies_bucket{le="5",${labels},response_code="201",response_code_class="2xx"}`);
    expect(text).toContain(`revision_queue_depth{${labels}} 1`);
  });
});
