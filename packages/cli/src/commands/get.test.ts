import { core, serving, type Revision, type Service } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { parse } from 'yaml';
import { knotHarness, seed, T0 } from '../testing/knot-harness.js';

function service(name: string, opts: { latest?: string; readyStatus?: 'True' | 'False' | 'Unknown'; reason?: string; namespace?: string } = {}): Service {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: { template: { spec: { containers: [{ name: 'user-container', image: `ghcr.io/knot/${name}` }] } } },
    status: {
      url: `http://${name}.${opts.namespace ?? 'default'}.127.0.0.1.sslip.io`,
      ...(opts.latest ? { latestCreatedRevisionName: opts.latest, latestReadyRevisionName: opts.latest } : {}),
      conditions: [
        { type: 'ConfigurationsReady', status: opts.readyStatus ?? 'True' },
        { type: 'Ready', status: opts.readyStatus ?? 'True', ...(opts.reason ? { reason: opts.reason } : {}) },
        { type: 'RoutesReady', status: 'True' },
      ],
      traffic: opts.latest ? [{ revisionName: opts.latest, latestRevision: true, percent: 100 }, { revisionName: `${name}-00001`, latestRevision: false, percent: 0, tag: 'first' }] : [],
    },
  };
}

function revision(name: string, svc: string, generation: number): Revision {
  return {
    metadata: { name, namespace: 'default', labels: { 'serving.knative.dev/service': svc, 'serving.knative.dev/configurationGeneration': String(generation) } },
    spec: { containers: [{ name: 'user-container', image: 'img' }] },
    status: { conditions: [{ type: 'Active', status: 'True' }, { type: 'ContainerHealthy', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'ResourcesAvailable', status: 'Unknown', reason: 'Deploying' }] },
  };
}

async function seeded() {
  const clock = new FakeClock(T0);
  const h = knotHarness({ clock });
  await seed(h.store, serving.services, service('hello', { latest: 'hello-00002' }));
  await seed(h.store, serving.services, service('broken', { readyStatus: 'False', reason: 'RevisionFailed' }));
  await seed(h.store, serving.revisions, revision('hello-00001', 'hello', 1));
  clock.advance(90_000);
  await seed(h.store, serving.revisions, revision('hello-00002', 'hello', 2));
  await seed(h.store, serving.services, service('other', { namespace: 'team-a' }));
  clock.advance(5 * 60_000);
  return h;
}

test('get ksvc prints the CRD columns', async () => {
  const h = await seeded();
  const got = await h.run(['get', 'ksvc']);
  expect(got.code).toBe(0);
  expect(got.out).toBe(
    [
      'NAME     URL                                        LATESTCREATED   LATESTREADY   READY   REASON',
      'broken   http://broken.default.127.0.0.1.sslip.io                                 False   RevisionFailed',
      'hello    http://hello.default.127.0.0.1.sslip.io    hello-00002     hello-00002   True',
      '',
    ].join('\n'),
  );
});

test("get rev prints kn's columns, with traffic and tags from the services", async () => {
  const h = await seeded();
  const got = await h.run(['get', 'rev']);
  expect(got.out).toBe(
    [
      'NAME          SERVICE   TRAFFIC   TAGS    GENERATION   AGE     CONDITIONS   READY   REASON',
      'hello-00001   hello               first   1            6m30s   3 OK / 4     True',
      'hello-00002   hello     100%              2            5m      3 OK / 4     True',
      '',
    ].join('\n'),
  );
});

test('-A adds the namespace column; -l filters by label', async () => {
  const h = await seeded();
  expect((await h.run(['get', 'ksvc', '-A', '-o', 'name'])).out).toBe('service.serving.knative.dev/broken\nservice.serving.knative.dev/hello\nservice.serving.knative.dev/other\n');
  const all = await h.run(['get', 'ksvc', '-A']);
  expect(all.out.split('\n')[0]).toMatch(/^NAMESPACE {3}NAME {5}URL/);
  expect(all.out).toMatch(/\nteam-a {6}other/);
  expect((await h.run(['get', 'rev', '-l', 'serving.knative.dev/configurationGeneration=2', '-o', 'name'])).out).toBe('revision.serving.knative.dev/hello-00002\n');
});

test('-o yaml of one object is the object; of several, a List', async () => {
  const h = await seeded();
  const one = parse((await h.run(['get', 'ksvc', 'hello', '-o', 'yaml'])).out) as Service;
  expect(one).toMatchObject({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'hello' }, status: { latestReadyRevisionName: 'hello-00002' } });
  const list = JSON.parse((await h.run(['get', 'rev', '-o', 'json'])).out) as { kind: string; items: Revision[] };
  expect(list.kind).toBe('List');
  expect(list.items.map((r) => [r.kind, r.metadata?.name])).toEqual([['Revision', 'hello-00001'], ['Revision', 'hello-00002']]);
});

test('KIND/NAME forms, several kinds at once, and wide pods', async () => {
  const h = await seeded();
  await seed(h.store, core.pods, {
    metadata: { name: 'hello-00002-deployment-abc', namespace: 'default' },
    spec: { containers: [{ name: 'user-container', image: 'img' }, { name: 'queue-proxy', image: 'qp' }], nodeName: 'knot-local' },
    status: { phase: 'Running', podIP: '127.0.0.1', containerStatuses: [{ name: 'user-container', ready: true, restartCount: 1, image: 'img', imageID: '' }, { name: 'queue-proxy', ready: true, restartCount: 0, image: 'qp', imageID: '' }] },
  });
  expect((await h.run(['get', 'ksvc/hello', 'rev/hello-00001', '-o', 'name'])).out).toBe('service.serving.knative.dev/hello\nrevision.serving.knative.dev/hello-00001\n');
  expect((await h.run(['get', 'pods', '-o', 'wide'])).out).toBe(['NAME                         READY   STATUS    RESTARTS   AGE   IP          NODE', 'hello-00002-deployment-abc   2/2     Running   1          0s    127.0.0.1   knot-local', ''].join('\n'));
  const both = await h.run(['get', 'ksvc,pods']);
  expect(both.out).toMatch(/^NAME {5}URL[^\n]*\nbroken[^\n]*\nhello[^\n]*\n\nNAME {25}READY/);
});

test('generic kinds print NAME and AGE, and READY where they have a Ready condition', async () => {
  const h = await seeded();
  await seed(h.store, core.configMaps, { metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } });
  expect((await h.run(['get', 'cm'])).out).toBe('NAME       DATA   AGE\nsettings   1      0s\n');
  await h.store.create(serving.configurations, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [] } } } });
  expect((await h.run(['get', 'broker'])).err).toBe('No resources found in default namespace.\n');
  expect((await h.run(['get', 'ns'])).out).toMatch(/^NAME {6}STATUS {3}AGE\ndefault {3}Active/);
});

test('a missing object exits 1 with the server error; --ignore-not-found exits 0', async () => {
  const h = await seeded();
  const got = await h.run(['get', 'ksvc', 'nope']);
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/^Error from server \(NotFound\): /);
  expect(got.err).toMatch(/nope/);
  expect(await h.run(['get', 'ksvc', 'nope', '--ignore-not-found'])).toEqual({ code: 0, out: '', err: '' });
});

test('an empty list says so on stderr and exits 0', async () => {
  const h = knotHarness();
  expect(await h.run(['get', 'ksvc', '-n', 'team-a'])).toEqual({ code: 0, out: '', err: 'No resources found in team-a namespace.\n' });
  expect((await h.run(['get', 'ksvc', '-o', 'json'])).out).toMatch(/"kind": "List"/);
});
