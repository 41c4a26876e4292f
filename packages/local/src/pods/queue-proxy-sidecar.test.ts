import { apps, core, endpointTargets, QUEUE_PROXY_ENV as E } from '@knot/api';
import type { Container } from 'kubernetes-types/core/v1.js';
import { queueProxySidecar } from './queue-proxy-sidecar.js';
import { ask, deployment, eventually, httpContainer, isReady, refused, startHarness, type Harness } from './test-fixtures.js';

let h: Harness;
afterEach(async () => {
  await h.stop();
});

/** The sidecar as the Revision reconciler declares it, ports and env at Knative's numbers. */
function queueProxyContainer(): Container {
  const value = (name: string, v: string) => ({ name, value: v });
  return {
    name: 'queue-proxy',
    image: 'ghcr.io/knot-dev/queue-proxy:latest',
    ports: [
      { name: 'http-queueadm', containerPort: 8022 },
      { name: 'http-autometric', containerPort: 9090 },
      { name: 'http-usermetric', containerPort: 9091 },
      { name: 'queue-port', containerPort: 8012 },
      { name: 'https-port', containerPort: 8112 },
    ],
    env: [
      value(E.servingNamespace, 'default'),
      value(E.servingConfiguration, 'hello'),
      value(E.servingRevision, 'hello-00001'),
      value(E.queueServingPort, '8012'),
      value(E.queueServingTLSPort, '8112'),
      value(E.containerConcurrency, '0'),
      value(E.revisionTimeoutSeconds, '300'),
      { name: E.servingPod, valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: E.servingPodIP, valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      value(E.servingLoggingConfig, ''),
      value(E.servingLoggingLevel, ''),
      value(E.userPort, '8080'),
      value(E.readinessProbes, JSON.stringify({ httpGet: { path: '/', port: 8080, host: '127.0.0.1', scheme: 'HTTP' } })),
    ],
  };
}

test('a revision pod serves through its in-process queue-proxy on the port its Endpoints name, and drains on scale-down', async () => {
  h = startHarness({ sidecars: { 'queue-proxy': queueProxySidecar({ drainQuietMs: 50 }) } });
  const user = httpContainer({ name: 'user-container', ports: [{ name: 'user-port', containerPort: 8080 }], readinessProbe: undefined, env: [{ name: 'PORT', value: '8080' }] });
  await h.store.create(apps.deployments, deployment('hello', 1, [user, queueProxyContainer()]));
  await h.store.create(core.services, {
    metadata: { namespace: 'default', name: 'hello-private' },
    spec: { selector: { app: 'hello' }, ports: [{ name: 'http', port: 80, targetPort: 8012 }, { name: 'http-autometric', port: 9090, targetPort: 'http-autometric' }] },
  });

  const [target] = await eventually(async () => {
    const targets = endpointTargets(await h.store.get(core.endpoints, 'default', 'hello-private'), 'http');
    expect(targets).toHaveLength(1);
    return targets;
  });
  const [pod] = (await h.pods('hello')).filter(isReady);
  expect(pod?.status?.containerStatuses?.map((c) => [c.name, c.ready])).toEqual([['user-container', true], ['queue-proxy', true]]);
  const queuePort = pod?.spec?.containers[1]?.ports?.find((p) => p.name === 'queue-port')?.hostPort;
  expect(target?.port).toBe(queuePort);
  expect(queuePort).not.toBe(8012);

  const { status, body } = await ask(target!.port);
  expect(status).toBe(200);
  expect(body.pod).toBe(pod?.metadata?.name);

  await h.scale('hello', 0);
  await eventually(async () => expect(await h.pods('hello')).toHaveLength(0));
  expect(await refused(target!.port)).toBe(true);
});
