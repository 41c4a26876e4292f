import type { ConfigFeatures } from '../../config/config-features.js';
import { validateService } from './service.js';
import { outcome, serviceWith } from './testing/fixtures.js';

const P = 'spec.template.spec.containers[0]';
const IMAGE = 'ghcr.io/knative/helloworld-go';

interface Row {
  name: string;
  container: Record<string, unknown>;
  sidecar?: Record<string, unknown>;
  features?: Partial<ConfigFeatures>;
  want: string;
}

function check({ container, sidecar, features, want }: Row): void {
  const containers = [{ image: IMAGE, ...container }, ...(sidecar ? [{ image: IMAGE, ...sidecar }] : [])];
  const got = outcome(validateService(serviceWith({ containers }), { features }));
  expect(got).toEqual(want === '' ? '' : expect.stringContaining(want));
}

describe('probes of the serving container', () => {
  test.each<Row>([
    { name: 'http readiness', container: { readinessProbe: { httpGet: { path: '/healthz' } } }, want: '' },
    { name: 'tcp on the unnamed port by its default name', container: { readinessProbe: { tcpSocket: { port: 'http' } } }, want: '' },
    { name: 'numeric port', container: { livenessProbe: { httpGet: { port: 8080 } } }, want: '' },
    { name: 'grpc', container: { readinessProbe: { grpc: { port: 8080 } } }, want: '' },
    { name: 'exec startup probe', container: { startupProbe: { exec: { command: ['true'] } } }, want: '' },
    { name: 'periodic with thresholds', container: { readinessProbe: { httpGet: {}, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3, successThreshold: 1 } }, want: '' },
    { name: 'zero thresholds are defaulted later', container: { readinessProbe: { tcpSocket: {}, periodSeconds: 5, successThreshold: 0 } }, want: '' },
    { name: 'no handler', container: { readinessProbe: { periodSeconds: 1 } }, want: `${P}.readinessProbe: expected exactly one of httpGet, tcpSocket, exec, grpc, got none` },
    { name: 'two handlers', container: { livenessProbe: { httpGet: {}, tcpSocket: {} } }, want: `${P}.livenessProbe: expected exactly one of httpGet, tcpSocket, exec, grpc, got httpGet and tcpSocket` },
    { name: 'probe names another port', container: { readinessProbe: { httpGet: { port: 'metrics' } } }, want: `${P}.readinessProbe.httpGet.port: must match the container port name "http", got "metrics"` },
    { name: 'probe must name a named port', container: { ports: [{ name: 'h2c', containerPort: 8080 }], readinessProbe: { tcpSocket: { port: 'http' } } }, want: 'must match the container port name "h2c"' },
    { name: 'port of the wrong type', container: { readinessProbe: { tcpSocket: { port: true } } }, want: `${P}.readinessProbe.tcpSocket.port: expected an integer or a port name, got boolean` },
    { name: 'negative period', container: { readinessProbe: { httpGet: {}, periodSeconds: -1 } }, want: `${P}.readinessProbe.periodSeconds: must not be negative, got -1` },
    { name: 'negative initial delay', container: { readinessProbe: { httpGet: {}, initialDelaySeconds: -5 } }, want: `${P}.readinessProbe.initialDelaySeconds: must not be negative, got -5` },
    { name: 'negative success threshold', container: { readinessProbe: { httpGet: {}, successThreshold: -1 } }, want: `${P}.readinessProbe.successThreshold: must be at least 1, got -1` },
    { name: 'failure threshold without a period', container: { readinessProbe: { httpGet: {}, failureThreshold: 3 } }, want: `${P}.readinessProbe.failureThreshold: must not be set when periodSeconds is 0` },
    { name: 'timeout without a period', container: { readinessProbe: { httpGet: {}, timeoutSeconds: 5 } }, want: `${P}.readinessProbe.timeoutSeconds: must not be set when periodSeconds is 0` },
    { name: 'negative timeout with a period', container: { readinessProbe: { httpGet: {}, periodSeconds: 5, timeoutSeconds: -1 } }, want: `${P}.readinessProbe.timeoutSeconds: must be at least 1, got -1` },
    { name: 'probe is not an object', container: { readinessProbe: 'GET /' }, want: `${P}.readinessProbe: expected an object, got string` },
  ])('$name', check);
});

describe('probes of sidecars', () => {
  const S = 'spec.template.spec.containers[1]';
  const serving = { ports: [{ containerPort: 8080 }] };
  test.each<Row>([
    { name: 'sidecar probes are off by default', container: serving, sidecar: { name: 'side', readinessProbe: { tcpSocket: { port: 9000 } } }, want: `${S}.readinessProbe: must not be set on a sidecar unless config-features multi-container-probing is enabled` },
    { name: 'sidecar probe with probing on', container: serving, sidecar: { name: 'side', readinessProbe: { tcpSocket: { port: 9000 } } }, features: { multiContainerProbing: 'Enabled' }, want: '' },
    { name: 'sidecar probe needs its port', container: serving, sidecar: { name: 'side', livenessProbe: { httpGet: { path: '/' } } }, features: { multiContainerProbing: 'Enabled' }, want: `${S}.livenessProbe.httpGet.port: a sidecar probe must name its port` },
  ])('$name', check);
});
