import { core, serving, type DomainMapping } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { knotHarness, seed, T0 } from '../testing/knot-harness.js';

const rev = (name: string, svc: string, gen: number) => ({
  metadata: { name, namespace: 'default', labels: { 'serving.knative.dev/service': svc, 'serving.knative.dev/configurationGeneration': String(gen) } },
  spec: { containers: [{ name: 'user-container', image: `img:${gen}`, env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 8080, name: 'h2c' }] }], containerConcurrency: 5 },
  status: { conditions: [{ type: 'Ready', status: 'False' as const, reason: 'ProgressDeadlineExceeded', message: 'Initial scale was never achieved' }] },
});

test('revision list sorts by service, newest generation first, and filters with -s', async () => {
  const h = knotHarness();
  await seed(h.store, serving.revisions, rev('hello-00001', 'hello', 1));
  await seed(h.store, serving.revisions, rev('hello-00002', 'hello', 2));
  await seed(h.store, serving.revisions, rev('api-00001', 'api', 1));
  expect((await h.run(['revision', 'list', '-o', 'name'])).out).toBe('revision.serving.knative.dev/api-00001\nrevision.serving.knative.dev/hello-00002\nrevision.serving.knative.dev/hello-00001\n');
  expect((await h.run(['rev', 'ls', '-s', 'api', '-o', 'name'])).out).toBe('revision.serving.knative.dev/api-00001\n');
  expect((await h.run(['revision', 'list', '-s', 'none'])).out).toBe("No revisions found in namespace 'default'.\n");
});

test('revision describe shows the container, concurrency and the failing condition', async () => {
  const clock = new FakeClock(T0);
  const h = knotHarness({ clock });
  await seed(h.store, serving.revisions, rev('hello-00001', 'hello', 1));
  const got = await h.run(['revision', 'describe', 'hello-00001']);
  expect(got.out).toBe(
    [
      'Name:         hello-00001',
      'Namespace:    default',
      'Labels:       serving.knative.dev/service=hello',
      '              serving.knative.dev/configurationGeneration=1',
      'Annotations:  <none>',
      'Age:          0s',
      'Image:        img:1',
      'Env:          A=1',
      'Port:         8080 (h2c)',
      'Concurrency:  Limit: 5',
      'Service:      hello',
      'Replicas:     0/0',
      '',
      'Conditions:',
      '  OK   TYPE    AGE   REASON                     MESSAGE',
      '  !!   Ready         ProgressDeadlineExceeded   Initial scale was never achieved',
      '',
      'Events:  <none>',
      '',
    ].join('\n'),
  );
  expect((await h.run(['revision', 'delete', 'hello-00001'])).out).toBe("Revision 'hello-00001' successfully deleted in namespace 'default'.\n");
});

test('describe lists the recent events about the object', async () => {
  const clock = new FakeClock(T0);
  const h = knotHarness({ clock });
  await seed(h.store, core.configMaps, { metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } });
  await h.store.create(core.events, {
    metadata: { name: 'settings.1', namespace: 'default' },
    involvedObject: { kind: 'ConfigMap', name: 'settings', namespace: 'default', apiVersion: 'v1' },
    reason: 'Checked',
    message: 'looks fine',
    type: 'Normal',
    source: { component: 'tester' },
    lastTimestamp: new Date(T0).toISOString(),
  });
  await h.store.create(core.events, { metadata: { name: 'other.1', namespace: 'default' }, involvedObject: { kind: 'ConfigMap', name: 'other' }, reason: 'Nope' });
  clock.advance(30_000);
  const got = await h.run(['describe', 'cm', 'settings']);
  expect(got.out).toBe(
    [
      'Name:         settings',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Age:          30s',
      'API Version:  v1',
      'Kind:         ConfigMap',
      'Data:',
      '  a: "1"',
      '',
      'Conditions:',
      '  <none>',
      '',
      'Events:',
      '  TYPE     REASON    AGE   FROM     MESSAGE',
      '  Normal   Checked   30s   tester   looks fine',
      '',
    ].join('\n'),
  );
});

test('route list prints URL and READY', async () => {
  const h = knotHarness();
  await seed(h.store, serving.routes, { metadata: { name: 'hello', namespace: 'default' }, spec: {}, status: { url: 'http://hello.default.example.com', conditions: [{ type: 'Ready', status: 'True' }] } });
  expect((await h.run(['route', 'list'])).out).toBe('NAME    URL                                READY\nhello   http://hello.default.example.com   True\n');
});

test('domain create, list and delete a DomainMapping', async () => {
  const h = knotHarness();
  expect((await h.run(['domain', 'create', 'hello.example.com', '--ref', 'hello'])).out).toBe("Domain mapping 'hello.example.com' created in namespace 'default'.\n");
  await h.run(['domain', 'create', 'api.example.com', '--ref', 'kroute:api', '--tls', 'api-cert']);
  const dm: DomainMapping = await h.store.get(serving.domainMappings, 'default', 'hello.example.com');
  expect(dm.spec).toEqual({ ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'hello', namespace: 'default' } });
  expect((await h.store.get(serving.domainMappings, 'default', 'api.example.com')).spec).toEqual({
    ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Route', name: 'api', namespace: 'default' },
    tls: { secretName: 'api-cert' },
  });
  expect((await h.run(['domain', 'list'])).out).toBe('NAME                URL   READY   KSVC\napi.example.com                   api\nhello.example.com                 hello\n');
  expect((await h.run(['domain', 'delete', 'api.example.com'])).out).toBe("Domain mapping 'api.example.com' successfully deleted in namespace 'default'.\n");
  const bad = await h.run(['domain', 'create', 'x.example.com', '--ref', 'pod:x']);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--ref: "pod:x" is not NAME or ksvc\|kroute\|svc:NAME/);
});

test('delete by kind and name, by KIND/NAME, and --all', async () => {
  const h = knotHarness();
  for (const name of ['a', 'b', 'c']) await h.store.create(core.configMaps, { metadata: { name, namespace: 'default' } });
  expect((await h.run(['delete', 'cm', 'a'])).out).toBe('configmap "a" deleted\n');
  expect((await h.run(['delete', 'configmap/b'])).out).toBe('configmap "b" deleted\n');
  const missing = await h.run(['delete', 'cm', 'a']);
  expect(missing.code).toBe(1);
  expect(missing.err).toMatch(/NotFound/);
  expect((await h.run(['delete', 'cm', 'a', '--ignore-not-found'])).code).toBe(0);
  expect((await h.run(['delete', 'cm'])).code).toBe(2);
  expect((await h.run(['delete', 'cm', '--all'])).out).toBe('configmap "c" deleted\n');
  expect((await h.run(['delete', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: gone}\n' })).code).toBe(1);
});
