// Server-side printing, as `kubectl get` asks for it.
import { apps, core, serving } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { humanDuration } from './human-duration.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import { wantsTable } from './table.js';
import { openStream, startTestApi, type TestApi } from './test-fixture.js';

const KUBECTL_GET_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

interface Table {
  kind: string;
  apiVersion: string;
  columnDefinitions: { name: string; type: string }[];
  rows: { cells: unknown[]; object: { kind: string; metadata: { name: string } } }[];
}

describe('on the wire', () => {
  let t: TestApi;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2030-01-01T00:00:00Z'));
    t = await startTestApi({ clock });
  });

  afterEach(() => t.stop());

  test('a Knative kind is printed with its CRD columns', async () => {
    const svc = await t.store.create(serving.services, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [] } } } });
    await t.store.updateStatus(serving.services, {
      ...svc,
      status: { url: 'http://hello.default.example.com', latestCreatedRevisionName: 'hello-00001', latestReadyRevisionName: 'hello-00001', conditions: [{ type: 'Ready', status: 'True' }] },
    });
    const reply = await t.request('GET', '/apis/serving.knative.dev/v1/namespaces/default/services', { headers: { accept: KUBECTL_GET_ACCEPT } });
    expect(reply.headers['content-type']).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    const table = reply.json<Table>();
    expect({ kind: table.kind, apiVersion: table.apiVersion }).toEqual({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'URL', 'LatestCreated', 'LatestReady', 'Ready', 'Reason']);
    expect(table.rows.map((r) => r.cells)).toEqual([['hello', 'http://hello.default.example.com', 'hello-00001', 'hello-00001', 'True', null]]);
    expect(table.rows[0]?.object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'hello' } });
  });

  test('built-in kinds get kubectl’s usual columns, ages on the injected clock', async () => {
    await t.store.create(apps.deployments, { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: {}, template: {} } });
    await t.store.create(core.pods, {
      metadata: { name: 'web-1', namespace: 'default' },
      spec: { containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] },
    });
    await t.store.updateStatus(core.pods, {
      metadata: { name: 'web-1', namespace: 'default' },
      status: { phase: 'Running', containerStatuses: [{ name: 'a', ready: true, restartCount: 2, image: 'a', imageID: '' }, { name: 'b', ready: false, restartCount: 1, image: 'b', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
    });
    clock.advance(5 * 60 * 1000 + 30 * 1000);
    const pods = (await t.request('GET', '/api/v1/namespaces/default/pods/web-1', { headers: { accept: KUBECTL_GET_ACCEPT } })).json<Table>();
    expect(pods.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    const created = Date.parse((await t.store.get(core.pods, 'default', 'web-1')).metadata!.creationTimestamp!);
    expect(pods.rows[0]?.cells).toEqual(['web-1', '1/2', 'CrashLoopBackOff', 3, humanDuration(clock.now() - created)]);
    const deployments = (await t.request('GET', '/apis/apps/v1/namespaces/default/deployments', { headers: { accept: KUBECTL_GET_ACCEPT } })).json<Table>();
    expect(deployments.rows[0]?.cells.slice(0, 4)).toEqual(['web', '0/2', 0, 0]);
  });

  test('events read as kubectl get events shows them', async () => {
    await t.store.create(core.events, {
      metadata: { name: 'hello.1', namespace: 'default' },
      involvedObject: { kind: 'Service', name: 'hello', namespace: 'default' },
      reason: 'Created',
      message: 'Created Configuration "hello"',
      type: 'Normal',
      lastTimestamp: new Date(clock.now() - 90_000).toISOString(),
    });
    const table = (await t.request('GET', '/api/v1/namespaces/default/events', { headers: { accept: KUBECTL_GET_ACCEPT } })).json<Table>();
    expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message', 'Name']);
    expect(table.rows[0]?.cells).toEqual(['90s', 'Normal', 'Created', 'service/hello', 'Created Configuration "hello"', 'hello.1']);
  });

  test('a watch asked for tables carries one row per event', async () => {
    await t.store.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' }, data: { a: '1', b: '2' } });
    const stream = await openStream(t.api, '/api/v1/namespaces/default/configmaps?watch=1', { accept: KUBECTL_GET_ACCEPT });
    await stream.lines.until((l) => l.length >= 1);
    expect(stream.lines.items[0]).toMatchObject({ type: 'ADDED', object: { kind: 'Table', rows: [{ cells: ['c', 2, expect.any(String) as unknown] }] } });
    stream.close();
  });

  test('without the Table media type, objects come back as themselves', async () => {
    await t.store.create(core.configMaps, { metadata: { name: 'c', namespace: 'default' } });
    const reply = await t.request('GET', '/api/v1/namespaces/default/configmaps/c', { headers: { accept: 'application/json' } });
    expect(reply.json()).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'c' } });
  });
});

test.each([
  { name: 'kubectl get', accept: KUBECTL_GET_ACCEPT, want: true },
  { name: 'v1beta1 tables', accept: 'application/json;as=Table;v=v1beta1;g=meta.k8s.io', want: true },
  { name: 'plain JSON', accept: 'application/json', want: false },
  { name: 'another group', accept: 'application/json;as=Table;v=v1;g=example.com', want: false },
  { name: 'no header', accept: undefined, want: false },
])('wantsTable: $name', ({ accept, want }) => {
  expect(wantsTable(accept)).toBe(want);
});

const obj = {
  metadata: { labels: { 'serving.knative.dev/configuration': 'cfg' } },
  status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Done' }, { type: 'Other', status: 'False' }] },
  spec: { attributes: [{ name: 'type', value: 't' }], list: ['a', 'b'] },
};

test.each([
  { name: 'a field path', path: '.status.conditions', want: obj.status.conditions },
  { name: 'a filter', path: '.status.conditions[?(@.type=="Ready")].reason', want: 'Done' },
  { name: 'a filter in single quotes', path: ".spec.attributes[?(@.name=='type')].value", want: 't' },
  { name: 'an escaped key', path: ".metadata.labels['serving\\.knative\\.dev/configuration']", want: 'cfg' },
  { name: 'an index', path: '.spec.list[1]', want: 'b' },
  { name: 'braces and a dollar', path: '{$.spec.list[0]}', want: 'a' },
  { name: 'a missing field', path: '.status.url', want: undefined },
  { name: 'a filter matching nothing', path: '.status.conditions[?(@.type=="Nope")].status', want: undefined },
])('JSONPath: $name', ({ path, want }) => {
  const steps = parseJsonPath(path);
  expect(steps).toBeDefined();
  expect(evaluateJsonPath(obj, steps!)).toEqual(want);
});

test('JSONPath outside the subset does not parse', () => {
  expect(parseJsonPath('.items[*].name')).toBeUndefined();
});

test.each([
  { ms: -5000, want: '<invalid>' },
  { ms: 0, want: '0s' },
  { ms: 119_000, want: '119s' },
  { ms: 5 * 60_000 + 30_000, want: '5m30s' },
  { ms: 5 * 60_000, want: '5m' },
  { ms: 45 * 60_000, want: '45m' },
  { ms: (3 * 60 + 20) * 60_000, want: '3h20m' },
  { ms: 20 * 3_600_000, want: '20h' },
  { ms: (3 * 24 + 4) * 3_600_000, want: '3d4h' },
  { ms: 40 * 86_400_000, want: '40d' },
  { ms: (2 * 365 + 100) * 86_400_000, want: '2y100d' },
  { ms: 9 * 365 * 86_400_000, want: '9y' },
])('humanDuration($ms) is $want', ({ ms, want }) => {
  expect(humanDuration(ms)).toBe(want);
});
