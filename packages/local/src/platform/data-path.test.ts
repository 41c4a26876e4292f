// The request and scaling flows end to end on real sockets and processes:
// gateway → activator → queue-proxy → the app, with the controller, the
// autoscaler and the process runtime doing what they do on a cluster.
import { jest } from '@jest/globals';
import { core, serving } from '@knot/api';
import WebSocket from 'ws';
import { eventually, flowService, hostOf, rawExchange, request, revisionPods, startFlow, waitReady, type Flow, type FlowServiceOptions } from './testing/flow-fixtures.js';

jest.setTimeout(60_000);

let flow: Flow;
beforeAll(async () => {
  flow = await startFlow();
});
afterAll(async () => {
  await flow?.stop();
});

const external = () => flow.platform.ports.external;

/** Creates the Service and waits for it to be Ready; resolves with its host. */
async function deploy(name: string, opts?: FlowServiceOptions, labels?: Record<string, string>): Promise<string> {
  const svc = flowService(name, opts);
  await flow.store.create(serving.services, { ...svc, metadata: { ...svc.metadata, labels } });
  return hostOf(await waitReady(flow.store, name));
}

const ready = (pods: Awaited<ReturnType<typeof revisionPods>>) => pods.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !p.metadata?.deletionTimestamp);

test('a Service becomes Ready and answers through the gateway, by way of the activator', async () => {
  const host = await deploy('hello');
  expect(host).toBe('hello.default.example.com');
  const res = await request(external(), host);
  expect(res.status).toBe(200);
  const answer = res.json();
  expect(answer.revision).toBe('hello-00001');
  expect(answer.headers.host).toBe(host);
  // With Knative's default target-burst-capacity (211) one pod leaves the activator in the path.
  expect(answer.headers['k-proxy-request']).toBe('activator');
});

test('a request is buffered while the revision scales from zero, and succeeds', async () => {
  // The app takes a while to listen, so the request waits in the activator for a ready pod.
  const host = await deploy('cold', { annotations: { 'autoscaling.knative.dev/initial-scale': '0' }, env: { START_DELAY_MS: '700' } });
  expect(await revisionPods(flow.store, 'cold-00001')).toHaveLength(0);
  const res = await request(external(), host);
  expect(res.status).toBe(200);
  expect(res.json().revision).toBe('cold-00001');
  expect(ready(await revisionPods(flow.store, 'cold-00001'))).toHaveLength(1);
});

test('with containerConcurrency 1 a second request waits for the first', async () => {
  const host = await deploy('single', { containerConcurrency: 1, annotations: { 'autoscaling.knative.dev/min-scale': '1', 'autoscaling.knative.dev/max-scale': '1' } });
  const answers = await Promise.all([request(external(), host, '/sleep?ms=400'), request(external(), host, '/sleep?ms=400')]);
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  // The app never held both at once.
  expect(answers.map((a) => a.json().maxInFlight)).toEqual([1, 1]);
});

test('a request running past the revision timeout gets 504; a quick one still succeeds', async () => {
  const host = await deploy('slow', { timeoutSeconds: 1 });
  const late = await request(external(), host, '/sleep?ms=2500');
  expect(late.status).toBe(504);
  expect((await request(external(), host, '/sleep?ms=10')).status).toBe(200);
});

test('a pod stopped with SIGTERM during a bounded load loop fails no request', async () => {
  const host = await deploy('steady', { annotations: { 'autoscaling.knative.dev/min-scale': '2' } });
  const pods = await eventually(async () => {
    const got = ready(await revisionPods(flow.store, 'steady-00001'));
    expect(got).toHaveLength(2);
    return got;
  });
  const victim = pods[0]?.metadata?.name ?? '';
  // The loop runs until the stopped pod is gone and 100 more requests have been answered, never past MAX.
  const MAX = 5000;
  const statuses: number[] = [];
  const servedBy = new Set<string>();
  let sent = 0;
  let goneAt: number | undefined;
  const stopping = (async () => {
    await eventually(() => expect(statuses.length).toBeGreaterThanOrEqual(50));
    await flow.store.delete(core.pods, 'default', victim);
    await eventually(async () => expect((await revisionPods(flow.store, 'steady-00001')).map((p) => p.metadata?.name)).not.toContain(victim), 30_000);
    goneAt = statuses.length;
  })();
  const worker = async () => {
    while (sent < MAX && (goneAt === undefined || statuses.length < goneAt + 100)) {
      sent++;
      const res = await request(external(), host, '/sleep?ms=5').catch((err: Error) => ({ status: -1, text: err.message, json: () => ({ pod: '' }) }));
      statuses.push(res.status);
      if (res.status === 200) servedBy.add(res.json().pod);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  await stopping;
  expect(goneAt).toBeDefined();
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  // The stopped pod served before it went, and the loop went on past its end.
  expect(servedBy).toContain(victim);
  expect(statuses.length).toBeGreaterThanOrEqual((goneAt ?? MAX) + 100);
  // The Deployment replaced it.
  await eventually(async () => {
    const now = ready(await revisionPods(flow.store, 'steady-00001'));
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata?.name)).not.toContain(victim);
  });
});

test('a websocket echoes end to end through the gateway, the activator and queue-proxy', async () => {
  const host = await deploy('echo');
  const ws = new WebSocket(`ws://127.0.0.1:${external()}/`, { headers: { host } });
  const echoed = await new Promise<string[]>((resolve, reject) => {
    const got: string[] = [];
    ws.on('open', () => ['one', 'two', 'three'].forEach((m) => ws.send(m)));
    ws.on('message', (data: Buffer) => {
      got.push(data.toString());
      if (got.length === 3) resolve(got);
    });
    ws.on('error', reject);
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode}`)));
  });
  ws.close();
  expect(echoed).toEqual(['one', 'two', 'three']);
});

test('a cluster-local Service answers on the internal listener and not on the external one', async () => {
  const host = await deploy('private', {}, { 'networking.knative.dev/visibility': 'cluster-local' });
  expect(host).toBe('private.default.svc.cluster.local');
  const outside = await request(external(), host);
  expect(outside.status).toBe(404);
  expect(outside.text).toContain(host);
  expect((await request(flow.platform.ports.internal, host)).status).toBe(200);
});

describe('bad input to every listener gets a 4xx, and the platform keeps serving', () => {
  const BIG = 'a'.repeat(70_000);
  const listeners = (): { name: string; port: number; unknownHost: RegExp }[] => [
    { name: 'gateway, external', port: external(), unknownHost: /^HTTP\/1\.1 404[^]*nobody\.example\.com/ },
    { name: 'gateway, cluster-local', port: flow.platform.ports.internal, unknownHost: /^HTTP\/1\.1 404[^]*nobody\.example\.com/ },
    // The activator needs the revision headers the gateway adds.
    { name: 'activator', port: flow.platform.activator.ports.http, unknownHost: /^HTTP\/1\.1 400[^]*Knative-Serving-Revision/ },
  ];
  const cases = [
    { name: 'a request line that is not HTTP', raw: 'GARBAGE\r\n\r\n', want: /^HTTP\/1\.1 400/ },
    { name: 'a 70 kB header', raw: `GET / HTTP/1.1\r\nHost: hello.default.example.com\r\nX-Big: ${BIG}\r\n\r\n`, want: /^HTTP\/1\.1 431/ },
    { name: 'a bad chunked body', raw: 'POST / HTTP/1.1\r\nHost: hello.default.example.com\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', want: /^HTTP\/1\.1 400/ },
  ];

  test.each(cases)('$name', async ({ raw, want }) => {
    for (const l of listeners()) {
      expect([l.name, await rawExchange(l.port, raw)]).toEqual([l.name, expect.stringMatching(want)]);
    }
    expect((await request(external(), 'hello.default.example.com')).status).toBe(200);
  });

  test('an unknown host', async () => {
    for (const l of listeners()) {
      expect([l.name, await rawExchange(l.port, 'GET / HTTP/1.1\r\nHost: nobody.example.com\r\nConnection: close\r\n\r\n')]).toEqual([l.name, expect.stringMatching(l.unknownHost)]);
    }
    expect((await request(external(), 'hello.default.example.com')).status).toBe(200);
  });

  test("a pod's queue-proxy", async () => {
    const [pod] = ready(await revisionPods(flow.store, 'hello-00001'));
    const port = pod?.spec?.containers.find((c) => c.name === 'queue-proxy')?.ports?.find((p) => p.name === 'queue-port')?.hostPort ?? 0;
    for (const { raw, want } of cases) expect(await rawExchange(port, raw)).toMatch(want);
    expect((await request(external(), 'hello.default.example.com')).status).toBe(200);
  });
});
