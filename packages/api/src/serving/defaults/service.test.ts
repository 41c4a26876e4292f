import type { Service } from '../v1/service.js';
import { validateService } from '../validation/service.js';
import { helloworldService } from '../validation/testing/fixtures.js';
import { setServiceDefaults } from './service.js';

const hello = (): Service => helloworldService() as unknown as Service;

describe('setServiceDefaults', () => {
  test('defaults the helloworld sample as Knative does', () => {
    expect(setServiceDefaults(hello())).toEqual({
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'helloworld-go', namespace: 'default' },
      spec: {
        template: {
          spec: {
            containerConcurrency: 0,
            timeoutSeconds: 300,
            enableServiceLinks: false,
            containers: [
              {
                name: 'user-container',
                image: 'ghcr.io/knative/helloworld-go:latest',
                ports: [{ containerPort: 8080 }],
                env: [{ name: 'TARGET', value: 'Go Sample v1' }],
                resources: {},
                readinessProbe: { successThreshold: 1, tcpSocket: { port: 0 } },
              },
            ],
          },
        },
        traffic: [{ latestRevision: true, percent: 100 }],
      },
    });
  });

  test('the defaulted sample is still valid', () => {
    expect(validateService(setServiceDefaults(hello()))).toEqual([]);
  });

  test('does not change its input', () => {
    const input = hello();
    const before = structuredClone(input);
    setServiceDefaults(input);
    expect(input).toEqual(before);
  });

  test('is idempotent', () => {
    const once = setServiceDefaults(hello());
    expect(setServiceDefaults(once)).toEqual(once);
  });

  test('records the creator', () => {
    expect(setServiceDefaults(hello(), { user: 'alice' }).metadata?.annotations).toEqual({
      'serving.knative.dev/creator': 'alice',
      'serving.knative.dev/lastModifier': 'alice',
    });
  });

  test('on update, a template that keeps its own revision name is not defaulted again', () => {
    const named = hello();
    named.spec.template.metadata = { name: 'helloworld-go-v1' };
    const got = setServiceDefaults(named, { original: structuredClone(named) });
    expect(got.spec.template).toEqual(named.spec.template);
    expect(got.spec.traffic).toEqual([{ latestRevision: true, percent: 100 }]);
  });

  test('on update, an unnamed template is defaulted, without service links', () => {
    const got = setServiceDefaults(hello(), { original: hello() });
    expect(got.spec.template.spec.timeoutSeconds).toBe(300);
    expect(got.spec.template.spec).not.toHaveProperty('enableServiceLinks');
  });

  test('leaves values of the wrong type for validation to report', () => {
    const odd = { metadata: { name: 'x' }, spec: { template: { spec: { containers: 'nginx', timeoutSeconds: 'long' } }, traffic: 'all' } };
    const got = setServiceDefaults(odd as unknown as Service) as unknown;
    expect(got).toEqual({ metadata: { name: 'x' }, spec: { template: { spec: { containers: 'nginx', timeoutSeconds: 'long', containerConcurrency: 0 } }, traffic: 'all' } });
  });
});
