import type { EndpointTarget, ProtocolType } from '@knot/api';
import { noopLogger } from '@knot/runtime';
import { FakeClock, flushPromises } from '@knot/runtime/testing';
import { RevisionBackends } from './revision-backends.js';

const pod = (n: number): EndpointTarget => ({ ip: '10.0.0.' + n, port: 8012 });

function setup() {
  const clock = new FakeClock();
  const readyPods = new Set<string>();
  const probes: string[] = [];
  const healthy: string[][] = [];
  const backends = new RevisionBackends({
    clock,
    intervalMs: 200,
    logger: noopLogger,
    probe: (t: EndpointTarget, protocol: ProtocolType) => {
      probes.push(`${protocol} ${t.ip}`);
      return Promise.resolve(readyPods.has(t.ip));
    },
    onHealthy: (_key, targets) => healthy.push(targets.map((t) => t.ip)),
  });
  return { clock, readyPods, probes, healthy, backends };
}

describe('RevisionBackends', () => {
  test('hands over a pod only once its probe passes, probing every 200 ms until then', async () => {
    const { clock, readyPods, probes, healthy, backends } = setup();
    backends.update('default/a', [pod(1)], 'http1');
    await flushPromises();
    expect([probes, healthy]).toEqual([['http1 10.0.0.1'], []]);
    await clock.advanceAsync(200);
    expect(probes).toHaveLength(2);
    readyPods.add('10.0.0.1');
    await clock.advanceAsync(200);
    expect(healthy).toEqual([['10.0.0.1']]);
    // A healthy pod is not probed again.
    await clock.advanceAsync(1000);
    expect(probes).toHaveLength(3);
  });

  test('a pod leaving the Endpoints leaves the healthy set and is no longer probed', async () => {
    const { clock, readyPods, probes, healthy, backends } = setup();
    readyPods.add('10.0.0.1');
    backends.update('default/a', [pod(1), pod(2)], 'http1');
    await flushPromises();
    expect(healthy).toEqual([['10.0.0.1']]);
    backends.update('default/a', [pod(2)], 'http1');
    expect(healthy).toEqual([['10.0.0.1'], []]);
    const before = probes.length;
    backends.update('default/a', [], 'http1');
    await clock.advanceAsync(1000);
    expect(probes).toHaveLength(before);
    expect(clock.pendingTimers).toBe(0);
  });

  test('a protocol change probes every pod again over the new protocol', async () => {
    const { readyPods, probes, healthy, backends } = setup();
    readyPods.add('10.0.0.1');
    backends.update('default/a', [pod(1)], 'http1');
    await flushPromises();
    backends.update('default/a', [pod(1)], 'h2c');
    await flushPromises();
    expect(probes).toEqual(['http1 10.0.0.1', 'h2c 10.0.0.1']);
    expect(healthy).toEqual([['10.0.0.1'], ['10.0.0.1']]);
  });

  test('stop ends every probe loop', async () => {
    const { clock, probes, backends } = setup();
    backends.update('default/a', [pod(1)], 'http1');
    await flushPromises();
    backends.stop();
    await clock.advanceAsync(1000);
    expect(probes).toHaveLength(1);
  });
});
