import { parseClusterEnv } from './cluster-env.js';

describe('parseClusterEnv', () => {
  test('defaults around the one required variable', () => {
    expect(parseClusterEnv({ SYSTEM_NAMESPACE: 'knative-serving', POD_NAME: 'controller-0' })).toEqual({
      systemNamespace: 'knative-serving',
      probesPort: 8080,
      workers: 2,
      leaderElection: true,
      identity: 'controller-0',
      kubeconfig: undefined,
    });
  });

  test('reads every setting', () => {
    const env = parseClusterEnv({ SYSTEM_NAMESPACE: 'knot', PROBES_PORT: '9000', CONTROLLER_WORKERS: '8', LEADER_ELECTION: 'false', POD_NAME: 'p', KUBECONFIG: '/k/config' });
    expect(env).toEqual({ systemNamespace: 'knot', probesPort: 9000, workers: 8, leaderElection: false, identity: 'p', kubeconfig: '/k/config' });
  });

  test.each([
    { name: 'no namespace', env: {}, want: /^SYSTEM_NAMESPACE: required/ },
    { name: 'port out of range', env: { SYSTEM_NAMESPACE: 'k', PROBES_PORT: '70000' }, want: /^PROBES_PORT: must be a port number between 1 and 65535, got "70000"/ },
    { name: 'workers not a number', env: { SYSTEM_NAMESPACE: 'k', CONTROLLER_WORKERS: 'two' }, want: /^CONTROLLER_WORKERS: / },
    { name: 'zero workers', env: { SYSTEM_NAMESPACE: 'k', CONTROLLER_WORKERS: '0' }, want: /^CONTROLLER_WORKERS: / },
    { name: 'leader election not a boolean', env: { SYSTEM_NAMESPACE: 'k', LEADER_ELECTION: 'yes' }, want: /^LEADER_ELECTION: must be true or false, got "yes"/ },
  ])('$name is an EnvError naming the variable', ({ env, want }) => {
    expect(() => parseClusterEnv(env)).toThrow(want);
    try {
      parseClusterEnv(env);
    } catch (err) {
      expect(err).toMatchObject({ code: 'InvalidEnvironment' });
    }
  });
});
