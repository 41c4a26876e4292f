import { EnvError, parseWebhookEnv } from './webhook-env.js';

describe('parseWebhookEnv', () => {
  test('defaults are Knative\'s names', () => {
    expect(parseWebhookEnv({ SYSTEM_NAMESPACE: 'knative-serving' })).toEqual({
      systemNamespace: 'knative-serving',
      port: 8443,
      serviceName: 'webhook',
      secretName: 'webhook-certs',
      caBundleTargets: {
        mutatingWebhookConfigurations: ['webhook.serving.knative.dev'],
        validatingWebhookConfigurations: ['validation.webhook.serving.knative.dev', 'config.webhook.serving.knative.dev'],
        customResourceDefinitions: ['services.serving.knative.dev', 'configurations.serving.knative.dev', 'revisions.serving.knative.dev', 'routes.serving.knative.dev', 'domainmappings.serving.knative.dev'],
      },
      clusterDomain: 'cluster.local',
      podName: undefined,
    });
  });

  test('every setting can be overridden', () => {
    const env = parseWebhookEnv({
      SYSTEM_NAMESPACE: 'knot-system', WEBHOOK_PORT: '9443', WEBHOOK_NAME: 'knot-webhook', WEBHOOK_SECRET_NAME: 'certs',
      WEBHOOK_MUTATING_CONFIGURATIONS: 'a, b', WEBHOOK_VALIDATING_CONFIGURATIONS: '', WEBHOOK_CONVERSION_CRDS: 'services.serving.knative.dev',
      CLUSTER_DOMAIN: 'corp.local', POD_NAME: 'webhook-abc',
    });
    expect(env).toMatchObject({ systemNamespace: 'knot-system', port: 9443, serviceName: 'knot-webhook', secretName: 'certs', clusterDomain: 'corp.local', podName: 'webhook-abc' });
    expect(env.caBundleTargets).toEqual({ mutatingWebhookConfigurations: ['a', 'b'], validatingWebhookConfigurations: [], customResourceDefinitions: ['services.serving.knative.dev'] });
  });

  test.each([
    { name: 'no SYSTEM_NAMESPACE', env: {}, want: 'SYSTEM_NAMESPACE: required' },
    { name: 'a port that is not a number', env: { SYSTEM_NAMESPACE: 'ns', WEBHOOK_PORT: 'https' }, want: 'WEBHOOK_PORT: must be a port number between 1 and 65535, got "https"' },
    { name: 'a port out of range', env: { SYSTEM_NAMESPACE: 'ns', WEBHOOK_PORT: '70000' }, want: 'WEBHOOK_PORT' },
  ])('$name is refused naming the variable', ({ env, want }) => {
    let caught: unknown;
    try {
      parseWebhookEnv(env);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvError);
    expect((caught as EnvError).code).toBe('InvalidEnvironment');
    expect((caught as EnvError).message).toContain(want);
  });
});
