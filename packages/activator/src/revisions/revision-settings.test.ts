import { revision } from '../testing/harness.js';
import { revisionSettings } from './revision-settings.js';

describe('revisionSettings', () => {
  test.each([
    { name: 'defaults', spec: {}, want: { containerConcurrency: 0, timeoutMs: 300_000, responseStartTimeoutMs: 0, protocol: 'http1', portName: 'http' } },
    { name: 'concurrency and timeouts', spec: { containerConcurrency: 4, timeoutSeconds: 30, responseStartTimeoutSeconds: 10 }, want: { containerConcurrency: 4, timeoutMs: 30_000, responseStartTimeoutMs: 10_000 } },
    { name: 'an h2c port', spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'h2c', containerPort: 8080 }] }] }, want: { protocol: 'h2c', portName: 'http2' } },
    { name: 'an http1 port', spec: { containers: [{ name: 'c', image: 'x', ports: [{ name: 'http1', containerPort: 8080 }] }] }, want: { protocol: 'http1', portName: 'http' } },
    { name: 'nonsense numbers fall back', spec: { containerConcurrency: -3, timeoutSeconds: Number.NaN }, want: { containerConcurrency: 0, timeoutMs: 300_000 } },
    { name: 'a zero timeout means the default', spec: { timeoutSeconds: 0 }, want: { timeoutMs: 300_000 } },
  ])('$name', ({ spec, want }) => {
    const rev = revision('hello-00001', { timeoutSeconds: undefined, containerConcurrency: undefined, ...spec });
    expect(revisionSettings(rev)).toMatchObject(want);
  });

  test('labels name the revision, its configuration and service', () => {
    expect(revisionSettings(revision('hello-00001')).labels).toEqual({ namespace_name: 'default', service_name: 'hello', configuration_name: 'hello', revision_name: 'hello-00001' });
  });
});
