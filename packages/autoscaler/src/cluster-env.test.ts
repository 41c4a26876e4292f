import { EnvError } from '@knot/runtime';
import { parseAutoscalerClusterEnv } from './cluster-env.js';

test('defaults: Knative ports, two workers, leader election on', () => {
  expect(parseAutoscalerClusterEnv({ SYSTEM_NAMESPACE: 'knative-serving', POD_NAME: 'autoscaler-0' })).toEqual({
    systemNamespace: 'knative-serving',
    statsPort: 8080,
    metricsPort: 9090,
    workers: 2,
    leaderElection: true,
    identity: 'autoscaler-0',
    kubeconfig: undefined,
  });
});

test.each([
  { name: 'no system namespace', env: {}, variable: 'SYSTEM_NAMESPACE' },
  { name: 'a port out of range', env: { SYSTEM_NAMESPACE: 'ks', METRICS_PORT: '70000' }, variable: 'METRICS_PORT' },
  { name: 'a port that is not a number', env: { SYSTEM_NAMESPACE: 'ks', STATS_PORT: 'http' }, variable: 'STATS_PORT' },
  { name: 'zero workers', env: { SYSTEM_NAMESPACE: 'ks', AUTOSCALER_WORKERS: '0' }, variable: 'AUTOSCALER_WORKERS' },
  { name: 'a bad boolean', env: { SYSTEM_NAMESPACE: 'ks', LEADER_ELECTION: 'maybe' }, variable: 'LEADER_ELECTION' },
])('refuses $name, naming the variable', ({ env, variable }) => {
  expect(() => parseAutoscalerClusterEnv(env)).toThrow(EnvError);
  expect(() => parseAutoscalerClusterEnv(env)).toThrow(variable);
});
