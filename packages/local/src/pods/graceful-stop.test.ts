import { apps, core } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { deployment, eventually, hostPort, httpContainer, refused, startHarness, type Harness } from './test-fixtures.js';

async function runningPod(h: Harness) {
  return eventually(async () => {
    const [pod] = await h.pods('stubborn');
    expect(pod?.status?.containerStatuses?.[0]?.state?.running).toBeDefined();
    const port = hostPort(pod!);
    expect(await refused(port)).toBe(false);
    return { pod: pod!, port };
  });
}

test('scaled down, a process ignoring SIGTERM gets SIGKILL when its grace period is over; the pod stays terminating until then', async () => {
  const clock = new FakeClock();
  const h = startHarness({ clock });
  await h.store.create(apps.deployments, deployment('stubborn', 1, [httpContainer({ readinessProbe: undefined, env: [{ name: 'IGNORE_TERM', value: '1' }] })], { grace: 5 }));
  const { pod, port } = await runningPod(h);
  const name = pod.metadata!.name!;

  await h.scale('stubborn', 0);
  const logs = h.runtime.logs('default', name, 'app');
  await eventually(() => expect(logs?.read().map((l) => l.text)).toContain('got SIGTERM'));
  expect(await refused(port)).toBe(false);
  expect((await h.store.get(core.pods, 'default', name)).metadata?.deletionTimestamp).toBeDefined();

  clock.advance(5000);
  await eventually(async () => expect(await h.store.get(core.pods, 'default', name).catch(() => undefined)).toBeUndefined());
  expect(await refused(port)).toBe(true);
  await h.stop();
});

test('when the signal aborts, every process gets SIGTERM, then SIGKILL after the grace period, and no timer is left', async () => {
  const clock = new FakeClock();
  const h = startHarness({ clock });
  await h.store.create(apps.deployments, deployment('stubborn', 1, [httpContainer({ readinessProbe: undefined, env: [{ name: 'IGNORE_TERM', value: '1' }] })], { grace: 7 }));
  const { pod, port } = await runningPod(h);
  const stopped = h.stop();
  const logs = h.runtime.logs('default', pod.metadata!.name!, 'app');
  await eventually(() => expect(logs?.read().map((l) => l.text)).toContain('got SIGTERM'));
  expect(await refused(port)).toBe(false);
  clock.advance(7000);
  await stopped;
  expect(await refused(port)).toBe(true);
  expect(clock.pendingTimers).toBe(0);
});
