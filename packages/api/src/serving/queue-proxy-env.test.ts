import fc from 'fast-check';
import { decodeReadinessProbes, encodeReadinessProbes } from './queue-proxy-env-probe.js';
import { parseQueueProxyEnv, QUEUE_PROXY_ENV, QueueProxyEnvError, type QueueProxyEnv } from './queue-proxy-env.js';

/** What the revision reconciler writes for a plain revision, plus the downward-API values the kubelet fills in. */
const minimal: Record<string, string> = {
  SERVING_NAMESPACE: 'default',
  SERVING_SERVICE: 'hello',
  SERVING_CONFIGURATION: 'hello',
  SERVING_REVISION: 'hello-00001',
  QUEUE_SERVING_PORT: '8012',
  QUEUE_SERVING_TLS_PORT: '8112',
  CONTAINER_CONCURRENCY: '0',
  REVISION_TIMEOUT_SECONDS: '300',
  SERVING_POD: 'hello-00001-deployment-abc',
  SERVING_POD_IP: '10.0.0.7',
  SERVING_LOGGING_CONFIG: '',
  SERVING_LOGGING_LEVEL: '',
  USER_PORT: '8080',
};

function problemsOf(env: Record<string, string | undefined>): { variable: string | undefined; message: string }[] {
  try {
    parseQueueProxyEnv(env);
  } catch (err) {
    if (err instanceof QueueProxyEnvError) return err.problems.map((p) => ({ ...p }));
    throw err;
  }
  return [];
}

describe('parseQueueProxyEnv', () => {
  test('reads the required variables and defaults the rest as Knative does', () => {
    expect(parseQueueProxyEnv(minimal)).toEqual<QueueProxyEnv>({
      servingNamespace: 'default',
      servingService: 'hello',
      servingConfiguration: 'hello',
      servingRevision: 'hello-00001',
      servingPod: 'hello-00001-deployment-abc',
      servingPodIP: '10.0.0.7',
      queueServingPort: 8012,
      queueServingTLSPort: 8112,
      userPort: 8080,
      containerConcurrency: 0,
      revisionTimeoutSeconds: 300,
      revisionResponseStartTimeoutSeconds: 0,
      revisionIdleTimeoutSeconds: 0,
      servingLoggingConfig: '',
      servingLoggingLevel: '',
      servingRequestLogTemplate: '',
      servingEnableRequestLog: false,
      servingEnableProbeRequestLog: false,
      servingRequestMetricsBackend: '',
      servingRequestMetricsReportingPeriodSeconds: 0,
      metricsCollectorAddress: '',
      tracingConfigBackend: 'none',
      tracingConfigZipkinEndpoint: '',
      tracingConfigDebug: false,
      tracingConfigSampleRate: 0,
      systemNamespace: 'knative-serving',
      metricsDomain: 'knative.dev/internal/serving',
      readinessProbes: [],
      enableProfiling: false,
      hostIP: '',
      enableHTTP2AutoDetection: false,
      enableHTTPFullDuplex: false,
      rootCA: '',
      enableMultiContainerProbes: false,
    });
  });

  test.each<{ name: string; env: Record<string, string>; want: Partial<QueueProxyEnv> }>([
    { name: 'Go booleans in any of their spellings', env: { SERVING_ENABLE_REQUEST_LOG: 'T', ENABLE_PROFILING: '1', TRACING_CONFIG_DEBUG: 'FALSE' }, want: { servingEnableRequestLog: true, enableProfiling: true, tracingConfigDebug: false } },
    { name: 'h2c serving port and a concurrency limit', env: { QUEUE_SERVING_PORT: '8013', CONTAINER_CONCURRENCY: '10' }, want: { queueServingPort: 8013, containerConcurrency: 10 } },
    { name: 'optional timeouts', env: { REVISION_RESPONSE_START_TIMEOUT_SECONDS: '30', REVISION_IDLE_TIMEOUT_SECONDS: '' }, want: { revisionResponseStartTimeoutSeconds: 30, revisionIdleTimeoutSeconds: 0 } },
    { name: 'tracing', env: { TRACING_CONFIG_BACKEND: 'zipkin', TRACING_CONFIG_SAMPLE_RATE: '0.25', TRACING_CONFIG_ZIPKIN_ENDPOINT: 'http://z:9411' }, want: { tracingConfigBackend: 'zipkin', tracingConfigSampleRate: 0.25, tracingConfigZipkinEndpoint: 'http://z:9411' } },
    {
      name: 'a single readiness probe',
      env: { SERVING_READINESS_PROBE: '{"httpGet":{"path":"/ready","port":8080,"host":"127.0.0.1","scheme":"HTTP"},"periodSeconds":5,"successThreshold":1}' },
      want: { readinessProbes: [{ httpGet: { path: '/ready', port: 8080, host: '127.0.0.1', scheme: 'HTTP' }, periodSeconds: 5, successThreshold: 1 }] },
    },
    {
      name: 'several readiness probes with multi-container probing',
      env: { ENABLE_MULTI_CONTAINER_PROBES: 'true', SERVING_READINESS_PROBE: '[{"tcpSocket":{"port":8080,"host":"127.0.0.1"}},{"grpc":{"port":9000}}]' },
      want: { enableMultiContainerProbes: true, readinessProbes: [{ tcpSocket: { port: 8080, host: '127.0.0.1' } }, { grpc: { port: 9000 } }] },
    },
  ])('$name', ({ env, want }) => {
    expect(parseQueueProxyEnv({ ...minimal, ...env })).toMatchObject(want);
  });

  test.each<{ name: string; env: Record<string, string | undefined>; want: { variable: string; message: RegExp }[] }>([
    { name: 'a missing revision', env: { SERVING_REVISION: undefined }, want: [{ variable: 'SERVING_REVISION', message: /required but not set/ }] },
    { name: 'an empty namespace', env: { SERVING_NAMESPACE: '' }, want: [{ variable: 'SERVING_NAMESPACE', message: /must not be empty/ }] },
    { name: 'a missing logging config (required, though it may be empty)', env: { SERVING_LOGGING_CONFIG: undefined }, want: [{ variable: 'SERVING_LOGGING_CONFIG', message: /required/ }] },
    { name: 'a port out of range', env: { USER_PORT: '70000' }, want: [{ variable: 'USER_PORT', message: /port number from 1 to 65535, got "70000"/ }] },
    { name: 'a named port', env: { QUEUE_SERVING_PORT: 'http' }, want: [{ variable: 'QUEUE_SERVING_PORT', message: /port number/ }] },
    { name: 'a negative concurrency', env: { CONTAINER_CONCURRENCY: '-1' }, want: [{ variable: 'CONTAINER_CONCURRENCY', message: /non-negative integer, got "-1"/ }] },
    { name: 'a fractional timeout', env: { REVISION_TIMEOUT_SECONDS: '1.5' }, want: [{ variable: 'REVISION_TIMEOUT_SECONDS', message: /non-negative integer/ }] },
    { name: 'a word for a boolean', env: { SERVING_ENABLE_REQUEST_LOG: 'yes' }, want: [{ variable: 'SERVING_ENABLE_REQUEST_LOG', message: /true or false, got "yes"/ }] },
    { name: 'a sample rate above one', env: { TRACING_CONFIG_SAMPLE_RATE: '2' }, want: [{ variable: 'TRACING_CONFIG_SAMPLE_RATE', message: /from 0 to 1/ }] },
    { name: 'a probe that is not JSON', env: { SERVING_READINESS_PROBE: '{tcp' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /JSON probe/ }] },
    { name: 'an exec probe', env: { SERVING_READINESS_PROBE: '{"exec":{"command":["true"]}}' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /exec probes run in the container/ }] },
    { name: 'a probe with two handlers', env: { SERVING_READINESS_PROBE: '{"tcpSocket":{"port":1},"grpc":{"port":2}}' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /exactly one of .* got tcpSocket, grpc/ }] },
    { name: 'a probe without a port', env: { SERVING_READINESS_PROBE: '{"httpGet":{"path":"/"}}' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /httpGet.port must be a port number/ }] },
    { name: 'a probe list without multi-container probing', env: { SERVING_READINESS_PROBE: '[{"tcpSocket":{"port":1}}]' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /one JSON probe object/ }] },
    { name: 'a bad entry in a probe list', env: { ENABLE_MULTI_CONTAINER_PROBES: 'true', SERVING_READINESS_PROBE: '[{"tcpSocket":{"port":1}},{"periodSeconds":-1,"grpc":{"port":1}}]' }, want: [{ variable: 'SERVING_READINESS_PROBE', message: /^\[1\]: periodSeconds must be a non-negative integer/ }] },
    {
      name: 'every bad variable at once',
      env: { USER_PORT: '0', SERVING_POD: undefined },
      want: [
        { variable: 'SERVING_POD', message: /required/ },
        { variable: 'USER_PORT', message: /port number/ },
      ],
    },
  ])('names $name', ({ env, want }) => {
    const got = problemsOf({ ...minimal, ...env });
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      expect(got[i]?.variable).toBe(w.variable);
      expect(got[i]?.message).toMatch(w.message);
    });
  });

  test('the error has a stable code and names the first bad variable', () => {
    const err = (() => {
      try {
        parseQueueProxyEnv({ ...minimal, USER_PORT: 'x' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QueueProxyEnvError);
    expect(err).toMatchObject({ code: 'InvalidQueueProxyEnv', variable: 'USER_PORT' });
    expect((err as Error).message).toContain('USER_PORT: must be a port number');
  });

  test('garbage never escapes as anything but QueueProxyEnvError', () => {
    const names = Object.values(QUEUE_PROXY_ENV);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.string()), (garbage) => {
        try {
          parseQueueProxyEnv({ ...minimal, ...garbage });
        } catch (err) {
          expect(err).toBeInstanceOf(QueueProxyEnvError);
        }
      }),
    );
  });
});

describe('readiness probe encoding', () => {
  test('keys come in Go field order with zero values omitted, as Knative writes them', () => {
    const text = encodeReadinessProbes([{ successThreshold: 1, periodSeconds: 0, tcpSocket: { host: '127.0.0.1', port: 8080 } }], false);
    expect(text).toBe('{"tcpSocket":{"port":8080,"host":"127.0.0.1"},"successThreshold":1}');
  });

  test('several probes make a JSON array', () => {
    expect(encodeReadinessProbes([{ grpc: { port: 9000 } }], true)).toBe('[{"grpc":{"port":9000}}]');
  });

  test('no probe is an empty value', () => {
    expect(encodeReadinessProbes([], false)).toBe('');
    expect(decodeReadinessProbes('', false)).toEqual({ value: [] });
  });

  test('what the reconciler encodes, queue-proxy decodes', () => {
    const probe = {
      httpGet: { path: '/healthz', port: 8080, host: '127.0.0.1', scheme: 'HTTP' as const, httpHeaders: [{ name: 'X-Probe', value: '1' }] },
      initialDelaySeconds: 2,
      timeoutSeconds: 1,
      periodSeconds: 3,
      successThreshold: 1,
      failureThreshold: 4,
    };
    for (const multiple of [false, true]) {
      expect(decodeReadinessProbes(encodeReadinessProbes([probe], multiple), multiple)).toEqual({ value: [probe] });
    }
  });
});
