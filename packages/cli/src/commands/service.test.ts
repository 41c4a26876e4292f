import { serving, type Service } from '@knot/api';
import type { MemoryStore, Watch } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { knotHarness, seed, T0 } from '../testing/knot-harness.js';

/** Plays the controller: answers each new generation of a Service with a status. */
async function fakeController(store: MemoryStore, answer: (svc: Service) => Service['status']): Promise<Watch> {
  return store.watch(serving.services, undefined, {}, (ev) => {
    const svc = ev.object;
    if (ev.type === 'DELETED' || svc.status?.observedGeneration === svc.metadata?.generation) return;
    void store.updateStatus(serving.services, { ...svc, status: answer(svc) }).catch(() => undefined);
  });
}

const readyStatus = (svc: Service): Service['status'] => {
  const gen = svc.metadata?.generation ?? 1;
  const rev = `${svc.metadata?.name}-${String(gen).padStart(5, '0')}`;
  return {
    observedGeneration: gen,
    url: `http://${svc.metadata?.name}.default.127.0.0.1.sslip.io`,
    latestCreatedRevisionName: rev,
    latestReadyRevisionName: rev,
    conditions: [{ type: 'ConfigurationsReady', status: 'True' }, { type: 'Ready', status: 'True' }, { type: 'RoutesReady', status: 'True' }],
  };
};

const failedStatus = (svc: Service): Service['status'] => ({
  observedGeneration: svc.metadata?.generation ?? 1,
  conditions: [
    { type: 'ConfigurationsReady', status: 'False', reason: 'RevisionFailed', message: 'Revision "hello-00001" failed with message: the container exited with code 1.' },
    { type: 'Ready', status: 'False', reason: 'RevisionFailed', message: 'Revision "hello-00001" failed with message: the container exited with code 1.' },
  ],
});

test('service create builds the Service kn would, from every flag', async () => {
  const h = knotHarness();
  const got = await h.run([
    'service', 'create', 'hello', '--image', 'ghcr.io/knot/hello',
    '--cmd', '/app/server', '--arg', '--verbose', '--arg=--port=8080',
    '--env', 'TARGET=knot', '-e', 'MODE=dev',
    '--port', 'h2c:8080', '--concurrency-limit', '10', '--concurrency-target', '7',
    '--scale-min', '1', '--scale-max', '5',
    '--annotation', 'example.com/team=web', '--label', 'app=hello',
    '--revision-name', 'v1', '--no-wait',
  ]);
  expect(got).toEqual({ code: 0, err: '', out: "Service 'hello' created in namespace 'default'.\n" });
  const svc = await h.store.get(serving.services, 'default', 'hello');
  expect(svc.metadata).toMatchObject({ labels: { app: 'hello' }, annotations: { 'example.com/team': 'web' } });
  expect(svc.spec).toEqual({
    template: {
      metadata: {
        name: 'hello-v1',
        labels: { app: 'hello' },
        annotations: {
          'example.com/team': 'web',
          'autoscaling.knative.dev/min-scale': '1',
          'autoscaling.knative.dev/max-scale': '5',
          'autoscaling.knative.dev/target': '7',
        },
      },
      spec: {
        containerConcurrency: 10,
        containers: [{ image: 'ghcr.io/knot/hello', command: ['/app/server'], args: ['--verbose', '--port=8080'], env: [{ name: 'TARGET', value: 'knot' }, { name: 'MODE', value: 'dev' }], ports: [{ name: 'h2c', containerPort: 8080 }] }],
      },
    },
  });
});

test('service create waits until Ready and prints the URL; progress goes to stderr', async () => {
  const h = knotHarness();
  const controller = await fakeController(h.store, readyStatus);
  const got = await h.run(['service', 'create', 'hello', '--image', 'img']);
  controller.stop();
  expect(got.code).toBe(0);
  expect(got.out).toBe("Service 'hello' created to latest revision 'hello-00001' is available at URL:\nhttp://hello.default.127.0.0.1.sslip.io\n");
  expect(got.err).toMatch(/^Creating service 'hello' in namespace 'default':\n/);
  expect(got.err).toMatch(/0\.000s Ready\.\n$/);
});

test("a failing revision ends the wait with exit 1 and the condition's reason and message", async () => {
  const h = knotHarness();
  const controller = await fakeController(h.store, failedStatus);
  const got = await h.run(['service', 'create', 'hello', '--image', 'img']);
  controller.stop();
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/error: RevisionFailed: Revision "hello-00001" failed with message: the container exited with code 1\.\n$/);
});

test('a status for an older generation is not taken as the answer', async () => {
  const h = knotHarness();
  await seed(h.store, serving.services, { metadata: { name: 'hello', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: '', image: 'a' }] } } } });
  const old = await h.store.get(serving.services, 'default', 'hello');
  await h.store.updateStatus(serving.services, { ...old, status: readyStatus(old) });
  let answered = 0;
  const controller = await fakeController(h.store, (svc) => (answered++, failedStatus(svc)));
  const got = await h.run(['service', 'update', 'hello', '--image', 'b']);
  controller.stop();
  expect(answered).toBe(1);
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/RevisionFailed/);
});

test('the wait times out with exit 1 naming the condition still pending', async () => {
  const clock = new FakeClock(T0);
  const h = knotHarness({ clock });
  const controller = await fakeController(h.store, (svc) => ({
    observedGeneration: svc.metadata?.generation ?? 1,
    conditions: [
      { type: 'ConfigurationsReady', status: 'Unknown', reason: 'RevisionMissing', message: 'Configuration "hello" is waiting for a Revision to become ready.' },
      { type: 'Ready', status: 'Unknown', reason: 'RevisionMissing' },
      { type: 'RoutesReady', status: 'True' },
    ],
  }));
  const run = h.run(['service', 'create', 'hello', '--image', 'img', '--wait-timeout', '30']);
  while (clock.pendingTimers === 0) await new Promise((r) => setImmediate(r));
  await clock.advanceAsync(29_000);
  await clock.advanceAsync(1_000);
  const got = await run;
  controller.stop();
  expect(got.code).toBe(1);
  expect(got.err).toMatch(/ {3}0\.000s RevisionMissing: Configuration "hello" is waiting for a Revision to become ready\.\n/);
  expect(got.err).toMatch(
    /error: timed out after 30s waiting for service.serving.knative.dev\/hello to become ready: ConfigurationsReady is still Unknown \(RevisionMissing: Configuration "hello" is waiting for a Revision to become ready\.\)\n$/,
  );
});

test('interrupting the wait exits 130', async () => {
  const h = knotHarness();
  const interrupt = new AbortController();
  const run = h.run(['service', 'create', 'hello', '--image', 'img'], { signal: interrupt.signal });
  while (!(await h.store.list(serving.services, 'default')).items.length) await new Promise((r) => setImmediate(r));
  interrupt.abort();
  const got = await run;
  expect(got.code).toBe(130);
  expect(got.err).toMatch(/interrupted while waiting for service.serving.knative.dev\/hello/);
});

test('create refuses an existing service unless --force, which replaces it', async () => {
  const h = knotHarness();
  await h.run(['service', 'create', 'hello', '--image', 'a', '--env', 'OLD=1', '--no-wait']);
  const again = await h.run(['service', 'create', 'hello', '--image', 'b', '--no-wait']);
  expect(again.code).toBe(1);
  expect(again.err).toMatch(/cannot create service 'hello' in namespace 'default' because the service already exists and no --force option was given/);
  const forced = await h.run(['service', 'create', 'hello', '--image', 'b', '--no-wait', '--force']);
  expect(forced.out).toBe("Service 'hello' replaced in namespace 'default'.\n");
  expect((await h.store.get(serving.services, 'default', 'hello')).spec.template.spec.containers).toEqual([{ image: 'b' }]);
});

test('update merges env (KEY- removes), annotations and scale into the existing service', async () => {
  const h = knotHarness();
  await h.run(['service', 'create', 'hello', '--image', 'a', '--env', 'A=1', '--env', 'B=2', '--annotation', 'x/y=z', '--revision-name', 'first', '--no-wait']);
  const got = await h.run(['service', 'update', 'hello', '--env', 'B-', '--env', 'C=3', '--env', 'A=9', '--annotation', 'x/y-', '--scale', '2', '--no-wait']);
  expect(got).toEqual({ code: 0, err: '', out: "Service 'hello' updated in namespace 'default'.\n" });
  const svc = await h.store.get(serving.services, 'default', 'hello');
  expect(svc.spec.template.spec.containers[0]).toEqual({ image: 'a', env: [{ name: 'A', value: '9' }, { name: 'C', value: '3' }] });
  expect(svc.spec.template.metadata).toEqual({ annotations: { 'autoscaling.knative.dev/min-scale': '2', 'autoscaling.knative.dev/max-scale': '2' } });
  expect(svc.metadata?.annotations).toBeUndefined();
});

test('update of a missing service exits 1 and names it', async () => {
  const got = await knotHarness().run(['service', 'update', 'nope', '--image', 'x', '--no-wait']);
  expect(got.code).toBe(1);
  expect(got.err).toBe("error: service 'nope' not found in namespace 'default'\n");
});

test.each([
  { name: 'create without --image', argv: ['service', 'create', 'hello'], err: /--image is required/ },
  { name: 'create without a name', argv: ['service', 'create', '--image', 'x'], err: /missing the service name/ },
  { name: 'a bad --env', argv: ['service', 'create', 'h', '--image', 'x', '--env', 'NOEQUALS'], err: /--env: "NOEQUALS" is not KEY=VALUE or KEY-/ },
  { name: 'a bad --port', argv: ['service', 'create', 'h', '--image', 'x', '--port', '99999'], err: /--port: "99999" is not a port number between 1 and 65535/ },
  { name: 'a negative --concurrency-limit', argv: ['service', 'create', 'h', '--image', 'x', '--concurrency-limit', '-1'], err: /--concurrency-limit: -1 is out of range, must be at least 0/ },
  { name: 'min above max', argv: ['service', 'create', 'h', '--image', 'x', '--scale-min', '5', '--scale-max', '2'], err: /--scale-min 5 is above --scale-max 2/ },
  { name: 'traffic not adding up', argv: ['service', 'update', 'h', '--traffic', '@latest=50'], err: /--traffic: the percentages add up to 50, not 100/ },
  { name: 'a bad --wait-timeout', argv: ['service', 'create', 'h', '--image', 'x', '--wait-timeout', '0'], err: /--wait-timeout: 0 is out of range/ },
])('$name exits 2 naming the flag', async ({ argv, err }) => {
  const got = await knotHarness().run(argv);
  expect(got.code).toBe(2);
  expect(got.err).toMatch(err);
});

test('list, describe and delete', async () => {
  const clock = new FakeClock(T0);
  const h = knotHarness({ clock });
  await h.run(['service', 'create', 'hello', '--image', 'img', '--no-wait']);
  const svc = await h.store.get(serving.services, 'default', 'hello');
  await h.store.updateStatus(serving.services, { ...svc, status: readyStatus(svc) });
  await seed(h.store, serving.revisions, { metadata: { name: 'hello-00001', namespace: 'default', labels: { 'serving.knative.dev/configurationGeneration': '1' } }, spec: { containers: [{ name: 'user-container', image: 'img' }] } });
  const withTraffic = await h.store.get(serving.services, 'default', 'hello');
  await h.store.updateStatus(serving.services, { ...withTraffic, status: { ...withTraffic.status, traffic: [{ revisionName: 'hello-00001', latestRevision: true, percent: 100 }] } });
  clock.advance(120_000);
  expect((await h.run(['service', 'list'])).out).toBe(
    ['NAME    URL                                       LATEST        AGE   CONDITIONS   READY   REASON', 'hello   http://hello.default.127.0.0.1.sslip.io   hello-00001   2m    3 OK / 3     True', ''].join('\n'),
  );
  const described = await h.run(['service', 'describe', 'hello']);
  expect(described.out).toBe(
    [
      'Name:         hello',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      'Age:          2m',
      'URL:          http://hello.default.127.0.0.1.sslip.io',
      '',
      'Revisions:',
      '  100%  @latest (hello-00001)  [1]  (2m)',
      '        Image:  img',
      '',
      'Conditions:',
      '  OK   TYPE                  AGE   REASON   MESSAGE',
      '  ++   ConfigurationsReady',
      '  ++   Ready',
      '  ++   RoutesReady',
      '',
      'Events:  <none>',
      '',
    ].join('\n'),
  );
  expect((await h.run(['service', 'delete', 'hello'])).out).toBe("Service 'hello' successfully deleted in namespace 'default'.\n");
  expect((await h.run(['service', 'list'])).out).toBe("No services found in namespace 'default'.\n");
});
