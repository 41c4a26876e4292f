import { EnvError } from '@knot/runtime';
import { parseActivatorEnv } from './activator-env.js';

describe('parseActivatorEnv', () => {
  test('defaults: Knative ports, the autoscaler in the system namespace, 15 s of drain', () => {
    expect(parseActivatorEnv({ SYSTEM_NAMESPACE: 'knative-serving', POD_NAME: 'activator-abc' })).toEqual({
      systemNamespace: 'knative-serving',
      podName: 'activator-abc',
      ports: { http: 8012, http2: 8013, metrics: 9090 },
      autoscalerUrl: 'ws://autoscaler.knative-serving.svc.cluster.local:8080',
      drainMs: 15_000,
    });
  });

  test('every setting can be given', () => {
    expect(parseActivatorEnv({ SYSTEM_NAMESPACE: 'ks', POD_IP: '10.1.2.3', HTTP_PORT: '18012', HTTP2_PORT: '18013', METRICS_PORT: '19090', AUTOSCALER_URL: 'ws://127.0.0.1:1234', DRAIN_SECONDS: '0' })).toMatchObject({
      ports: { http: 18012, http2: 18013, metrics: 19090 },
      autoscalerUrl: 'ws://127.0.0.1:1234',
      drainMs: 0,
      podName: 'activator',
      podIP: '10.1.2.3',
    });
  });

  test.each([
    { name: 'no system namespace', env: {}, says: 'SYSTEM_NAMESPACE' },
    { name: 'a port out of range', env: { SYSTEM_NAMESPACE: 'ks', HTTP_PORT: '70000' }, says: 'HTTP_PORT' },
    { name: 'a port that is not a number', env: { SYSTEM_NAMESPACE: 'ks', METRICS_PORT: 'nine' }, says: 'METRICS_PORT' },
    { name: 'an http autoscaler URL', env: { SYSTEM_NAMESPACE: 'ks', AUTOSCALER_URL: 'http://autoscaler:8080' }, says: 'AUTOSCALER_URL' },
    { name: 'a pod IP that is not one', env: { SYSTEM_NAMESPACE: 'ks', POD_IP: 'activator-0' }, says: 'POD_IP' },
    { name: 'a negative drain', env: { SYSTEM_NAMESPACE: 'ks', DRAIN_SECONDS: '-1' }, says: 'DRAIN_SECONDS' },
  ])('$name is refused naming the variable', ({ env, says }) => {
    expect(() => parseActivatorEnv(env)).toThrow(EnvError);
    expect(() => parseActivatorEnv(env)).toThrow(says);
  });
});
