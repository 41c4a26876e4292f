import { MemoryStore, noopLogger, SharedInformerFactory, type EventRecorder, type WorkQueueMetrics } from '@knot/runtime';
import { FakeClock } from '@knot/runtime/testing';
import { envControllerOptions, staticConfig, type ControllerEnv } from './controller-env.js';

describe('envControllerOptions', () => {
  test('hands every controller the env and the recorder for its own name', () => {
    const clock = new FakeClock();
    const client = new MemoryStore({ clock });
    const informers = new SharedInformerFactory({ client, clock, logger: noopLogger });
    const recorders = new Map<string, EventRecorder>(['route-controller', 'labeler'].map((c) => [c, { event() {} }]));
    const recorderFor = (component: string) => recorders.get(component) ?? { event() {} };
    const metrics: WorkQueueMetrics = { setDepth() {}, incAdds() {}, observeLatency() {}, observeWorkDuration() {}, incRetries() {} };
    const reconcileMetrics = { observe() {} };
    const env: ControllerEnv = { client, informers, clock, logger: noopLogger, config: staticConfig(), recorderFor, workers: 3, metrics, reconcileMetrics };

    expect(envControllerOptions(env, 'route-controller')).toEqual({ name: 'route-controller', client, informerFactory: informers, clock, logger: noopLogger, recorder: recorders.get('route-controller'), workers: 3, metrics, reconcileMetrics });
    expect(envControllerOptions(env, 'labeler').recorder).toBe(recorders.get('labeler'));
    expect(envControllerOptions({ ...env, recorderFor: undefined }, 'labeler').recorder).toBeUndefined();
  });
});
