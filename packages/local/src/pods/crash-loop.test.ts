import { apps } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { deployment, eventually, nodeContainer, startHarness, type Harness } from './test-fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

const CRASHER = `console.log('starting'); console.error('boom: cannot open the database'); process.exit(3);`;

async function appStatus(name: string) {
  const [pod] = await h.pods(name);
  const status = pod?.status?.containerStatuses?.find((c) => c.name === 'app');
  if (!status) throw new Error('no status yet');
  return { pod: pod!, status };
}

test('a crashing container restarts after 1 s, 2 s, 4 s ... and shows CrashLoopBackOff with its exit', async () => {
  const clock = new FakeClock();
  h = startHarness({ clock });
  await h.store.create(apps.deployments, deployment('crash', 1, [nodeContainer(CRASHER, { terminationMessagePolicy: 'FallbackToLogsOnError', ports: [{ containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 8080 } } })], { progressDeadlineSeconds: 60 }));

  const first = await eventually(async () => {
    const s = await appStatus('crash');
    expect(s.status.state?.waiting?.reason).toBe('CrashLoopBackOff');
    return s;
  });
  expect(first.status).toMatchObject({ ready: false, restartCount: 0, lastState: { terminated: { exitCode: 3, reason: 'Error' } } });
  expect(first.status.state?.waiting?.message).toMatch(/^back-off 1s restarting failed container=app pod=crash-/);
  expect(first.status.lastState?.terminated?.message).toContain('boom: cannot open the database');
  expect(first.pod.status?.phase).toBe('Running');

  for (const [restarts, wait, next] of [[1, 1000, '2s'], [2, 2000, '4s'], [3, 4000, '8s']] as const) {
    clock.advance(wait - 1);
    expect((await appStatus('crash')).status.restartCount).toBe(restarts - 1);
    clock.advance(1);
    await eventually(async () => {
      const { status } = await appStatus('crash');
      expect(status.restartCount).toBe(restarts);
      expect(status.state?.waiting?.message).toContain(`back-off ${next} `);
    });
  }
  const logs = h.runtime.logs('default', (await appStatus('crash')).pod.metadata!.name!, 'app');
  expect(logs?.read().map((l) => `${l.stream} ${l.text}`)).toEqual(['stdout starting', 'stderr boom: cannot open the database']);
  expect(logs?.read({ previous: true })).toHaveLength(2);

  // No progress for progressDeadlineSeconds: the Deployment says so, as the Revision reconciler reads it.
  clock.advance(60_000);
  await eventually(async () => {
    const d = await h.store.get(apps.deployments, 'default', 'crash');
    expect(d.status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' });
    expect(d.status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
    expect(d.status).toMatchObject({ replicas: 1, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 1 });
  });
});

test.each([
  {
    name: 'no command: local mode runs commands, not images',
    container: { name: 'app', image: 'gcr.io/knative-samples/helloworld-go' },
    reason: 'CommandRequired',
    message: /local mode runs a container's command .* instead of image "gcr.io\/knative-samples\/helloworld-go"/,
  },
  {
    name: 'a Secret in the env',
    container: nodeContainer('', { env: [{ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }] }),
    reason: 'CreateContainerConfigError',
    message: /env TOKEN: secretKeyRef is not supported in local mode/,
  },
  {
    name: 'an unknown fieldRef',
    container: nodeContainer('', { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.hostname' } } }] }),
    reason: 'CreateContainerConfigError',
    message: /unsupported fieldRef "spec.hostname"/,
  },
])('$name: the container waits with $reason and never starts', async ({ container, reason, message }) => {
  h = startHarness();
  await h.store.create(apps.deployments, deployment('stuck', 1, [container]));
  const { pod, status } = await eventually(async () => {
    const s = await appStatus('stuck');
    expect(s.status.state?.waiting?.reason).toBe(reason);
    return s;
  });
  expect(status.state?.waiting?.message).toMatch(message);
  expect(status).toMatchObject({ ready: false, restartCount: 0, started: false });
  expect(pod.status?.phase).toBe('Pending');
  expect(pod.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
});
