import { parseGatewayEnv } from './gateway-env.js';
import { DEFAULT_LIMITS, resolveLimits } from './limits.js';

function thrown(fn: () => unknown): { code?: string; message?: string } {
  try {
    fn();
  } catch (err) {
    return err as { code?: string; message?: string };
  }
  throw new Error('did not throw');
}

describe('parseGatewayEnv', () => {
  test('defaults: Knative-serving namespace, the GATEWAY_* ports, the default limits', () => {
    expect(parseGatewayEnv({ SYSTEM_NAMESPACE: 'knative-serving' })).toEqual({
      systemNamespace: 'knative-serving',
      podName: 'knot-gateway',
      clusterDomain: 'cluster.local',
      ingressClass: 'knot.ingress.networking.knative.dev',
      ports: { external: 8080, internal: 8081, admin: 9090 },
      limits: DEFAULT_LIMITS,
      drainTimeoutMs: 30_000,
      workers: 2,
    });
  });

  test.each([
    { name: 'no namespace', env: {}, error: 'SYSTEM_NAMESPACE' },
    { name: 'a port out of range', env: { SYSTEM_NAMESPACE: 'ns', HTTP_PORT: '70000' }, error: 'HTTP_PORT' },
    { name: 'a header limit below 1 KiB', env: { SYSTEM_NAMESPACE: 'ns', MAX_HEADER_BYTES: '10' }, error: 'MAX_HEADER_BYTES' },
    { name: 'a body limit that is not a number', env: { SYSTEM_NAMESPACE: 'ns', MAX_BODY_BYTES: '1MB' }, error: 'MAX_BODY_BYTES' },
  ])('$name is refused naming $error', ({ env, error }) => {
    const err = thrown(() => parseGatewayEnv(env));
    expect(err.code).toBe('InvalidEnvironment');
    expect(err.message).toContain(error);
  });
});

describe('resolveLimits', () => {
  test.each([
    { name: 'a negative body limit', limits: { maxBodyBytes: -1 }, key: 'maxBodyBytes' },
    { name: 'a fractional timeout', limits: { connectTimeoutMs: 1.5 }, key: 'connectTimeoutMs' },
    { name: 'a tiny header limit', limits: { maxHeaderBytes: 10 }, key: 'maxHeaderBytes' },
  ])('$name is an InvalidOption naming $key', ({ limits, key }) => {
    const err = thrown(() => resolveLimits(limits));
    expect(err.code).toBe('InvalidOption');
    expect(err.message).toContain(key);
  });
});
