// The autoscaler started on the in-memory store with a fake clock: a PA from
// creation through activation to zero, with this test playing the SKS
// controller and Kubernetes, and the decider's status set through the seam.
import { apps, autoscaling, core, formatMetaTime, hpa, networking, type PodAutoscaler, type ServerlessService } from '@knot/api';
import { MemoryStore, noopLogger, type Watch } from '@knot/runtime';
import { eventually, FakeClock } from '@knot/runtime/testing';
import { start } from './start.js';
import { FakeMultiScaler } from './reconciler/testing/fake-multi-scaler.js';
import { deployment, endpoints, KEY, NAME, NS, pa } from './reconciler/testing/pa-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function setup(leaderElected = false) {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, initialNamespaces: [NS, 'knative-serving'] });
  const multiScaler = new FakeMultiScaler();
  const stop = new AbortController();
  const running = await start({ client: store, clock, logger: noopLogger, signal: stop.signal, ports: { metrics: 0 }, host: '127.0.0.1', multiScaler, leaderElected });
  cleanups.push(async () => {
    stop.abort();
    await running.done;
  });
  return { clock, store, multiScaler, stop, running };
}

const activeOf = (p: PodAutoscaler) => p.status?.conditions?.find((c) => c.type === 'Active');

/** Plays the SKS controller: the private Service exists and the status describes the current generation. */
async function sksReconciled(store: MemoryStore, clock: FakeClock, sks: ServerlessService): Promise<ServerlessService> {
  const proxy = sks.spec.mode === 'Proxy';
  const at = formatMetaTime(clock.now());
  return store.updateStatus(networking.serverlessServices, {
    ...sks,
    status: {
      observedGeneration: sks.metadata?.generation,
      serviceName: NAME,
      privateServiceName: `${NAME}-private`,
      conditions: [
        { type: 'ActivatorEndpointsPopulated', status: proxy ? 'True' : 'False', severity: 'Info', lastTransitionTime: at },
        { type: 'EndpointsPopulated', status: 'True', lastTransitionTime: at },
        { type: 'Ready', status: 'True', lastTransitionTime: at },
      ],
    },
  });
}

/** Reconciles the SKS whenever its spec changes, as the controller's SKS reconciler would. */
function playSksController(store: MemoryStore, clock: FakeClock): Promise<Watch> {
  return store.watch(networking.serverlessServices, NS, {}, (ev) => {
    const sks = ev.object;
    if (ev.type === 'DELETED' || sks.status?.observedGeneration === sks.metadata?.generation) return;
    sksReconciled(store, clock, sks).catch(() => undefined);
  });
}

test('a PA goes from creation to active and, without demand, step by step to zero', async () => {
  const t = await setup();
  const { clock, store, multiScaler } = t;
  expect(await t.running.synced).toBe(true);
  await store.create(apps.deployments, deployment(1));
  await store.create(core.endpoints, endpoints(1));
  await store.create(autoscaling.podAutoscalers, pa());

  // The SKS appears in Serve mode; once it has its private Service the decider is created.
  const sksController = await playSksController(store, clock);
  await eventually('the decider', () => multiScaler.specs.get(KEY));
  await eventually('the Metric', () => store.get(autoscaling.metrics, NS, NAME));

  multiScaler.setStatus(KEY, { desiredScale: 1, numActivators: 2 });
  await eventually('an active PA', async () => ((await store.get(autoscaling.podAutoscalers, NS, NAME)).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True' ? true : undefined));

  // No more demand: one pod is kept for a stable window.
  multiScaler.setStatus(KEY, { desiredScale: 0, numActivators: 2 });
  await eventually('the stable-window wait', () => (clock.pendingTimers > 0 ? true : undefined));
  expect((await store.get(apps.deployments, NS, `${NAME}-deployment`)).spec?.replicas).toBe(1);
  await clock.advanceAsync(60_000);
  const inactive = await eventually('an inactive PA', async () => {
    const p = await store.get(autoscaling.podAutoscalers, NS, NAME);
    return activeOf(p)?.status === 'False' ? p : undefined;
  });
  expect(activeOf(inactive)?.reason).toBe('NoTraffic');
  expect((await store.get(networking.serverlessServices, NS, NAME)).spec.mode).toBe('Proxy');
  expect((await store.get(apps.deployments, NS, `${NAME}-deployment`)).spec?.replicas).toBe(1);

  // The SKS has confirmed the activator; zero comes once the grace period has passed.
  await eventually('the activator confirmed', async () => ((await store.get(networking.serverlessServices, NS, NAME)).status?.conditions?.some((c) => c.type === 'ActivatorEndpointsPopulated' && c.status === 'True') ? true : undefined));
  await clock.advanceAsync(29_000);
  expect((await store.get(apps.deployments, NS, `${NAME}-deployment`)).spec?.replicas).toBe(1);
  await clock.advanceAsync(2_000);
  await eventually('zero replicas', async () => ((await store.get(apps.deployments, NS, `${NAME}-deployment`)).spec?.replicas === 0 ? true : undefined));

  // Deleting the PA removes its decider.
  await store.delete(autoscaling.podAutoscalers, NS, NAME);
  await eventually('the decider gone', () => (multiScaler.deleted.includes(KEY) ? true : undefined));
  sksController.stop();
});

test('serves Prometheus metrics and probes on the bound port, and an hpa-class PA gets an HPA', async () => {
  const t = await setup();
  await t.running.synced;
  await t.store.create(autoscaling.podAutoscalers, pa({ cls: 'hpa.autoscaling.knative.dev', annotations: { 'autoscaling.knative.dev/target': '50' } }));
  const created = await eventually('the HPA', () => t.store.get(hpa.horizontalPodAutoscalers, NS, NAME));
  expect(created.spec?.metrics?.[0]?.resource?.target.averageUtilization).toBe(50);
  // An hpa-class PA never becomes a decider.
  expect(t.multiScaler.specs.size).toBe(0);

  const base = `http://127.0.0.1:${t.running.ports.metrics}`;
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toContain('reconciler="hpa-class-podautoscaler-controller"');
  expect((await fetch(`${base}/nope`)).status).toBe(404);
});

test('two autoscalers run side by side in one process', async () => {
  const a = await setup();
  const b = await setup();
  expect(a.running.ports.metrics).not.toBe(b.running.ports.metrics);
});

test('with leader election, nothing is reconciled until runReconcilers is called', async () => {
  const { store, running } = await setup(true);
  await running.synced;
  await store.create(autoscaling.podAutoscalers, pa());
  // Queued, but no worker takes it.
  await eventually('the PA queued', () => (running.controllers.some((c) => c.queue.len > 0) ? true : undefined));
  await expect(store.get(networking.serverlessServices, NS, NAME)).rejects.toMatchObject({ code: 'NotFound' });
  const term = new AbortController();
  const run = running.runReconcilers(term.signal);
  await eventually('the SKS', () => store.get(networking.serverlessServices, NS, NAME));
  term.abort();
  await run;
});

test('without an injected MultiScaler the scaling side runs, its stat server on its own port, and a new PA waits queued while undecided', async () => {
  const clock = new FakeClock();
  const store = new MemoryStore({ clock, initialNamespaces: [NS, 'knative-serving'] });
  const stop = new AbortController();
  const running = await start({ client: store, clock, logger: noopLogger, signal: stop.signal, ports: { metrics: 0, stats: 0 }, host: '127.0.0.1' });
  expect(running.ports.stats).toBeGreaterThan(0);
  expect(running.ports.stats).not.toBe(running.ports.metrics);
  cleanups.push(async () => {
    stop.abort();
    await running.done;
  });
  await running.synced;
  await store.create(apps.deployments, deployment(1));
  await store.create(autoscaling.podAutoscalers, pa());
  const sksController = await playSksController(store, clock);
  await eventually('the decider', () => running.multiScaler.get(KEY));
  await eventually('the Metric', () => store.get(autoscaling.metrics, NS, NAME));
  const p = await eventually('a PA with the Metric service', async () => {
    const got = await store.get(autoscaling.podAutoscalers, NS, NAME);
    return got.status?.metricsServiceName ? got : undefined;
  });
  expect(p.status?.desiredScale).toBe(-1);
  expect(activeOf(p)?.reason).toBe('Queued');
  sksController.stop();
});
