// Manifests the serving validation and defaulting tests start from.

/** Knative's helloworld-go sample, as a user writes it. */
export function helloworldService(): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 'helloworld-go', namespace: 'default' },
    spec: {
      template: {
        spec: {
          containers: [
            {
              image: 'ghcr.io/knative/helloworld-go:latest',
              ports: [{ containerPort: 8080 }],
              env: [{ name: 'TARGET', value: 'Go Sample v1' }],
            },
          ],
        },
      },
    },
  };
}

/** A Service with `spec.template.spec` replaced by `templateSpec`, and optional template metadata. */
export function serviceWith(templateSpec: unknown, templateMeta?: unknown, name = 'hello'): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name, namespace: 'default' },
    spec: { template: { ...(templateMeta === undefined ? {} : { metadata: templateMeta }), spec: templateSpec } },
  };
}

/** A revision spec with one container running `image`, merged with `extra`. */
export function podWith(extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return { containers: [{ image: 'ghcr.io/knative/helloworld-go', ...container }], ...extra };
}

/** Deep-copies a JSON manifest. */
export function copy<T>(v: T): T {
  return structuredClone(v);
}

/** Jest-free rendering of errors for table tests: one `path: message` per line, '' when valid. */
export { formatFieldErrors as outcome } from '../../../field-error.js';

/** A Service that touches most rules: annotations, probes, volumes, env, several traffic targets. */
export function richService(): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name: 'shop',
      namespace: 'default',
      labels: { 'networking.knative.dev/visibility': 'cluster-local' },
      annotations: { 'serving.knative.dev/rollout-duration': '60s' },
    },
    spec: {
      template: {
        metadata: {
          name: 'shop-v2',
          annotations: {
            'autoscaling.knative.dev/min-scale': '1',
            'autoscaling.knative.dev/max-scale': '10',
            'autoscaling.knative.dev/window': '90s',
            'autoscaling.knative.dev/target': '50',
          },
        },
        spec: {
          containerConcurrency: 50,
          timeoutSeconds: 120,
          containers: [
            {
              name: 'app',
              image: 'ghcr.io/example/shop:v2',
              ports: [{ name: 'h2c', containerPort: 9000 }],
              env: [{ name: 'MODE', value: 'prod' }, { name: 'KEY', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }],
              envFrom: [{ configMapRef: { name: 'shop-config' } }],
              readinessProbe: { httpGet: { path: '/ready', port: 'h2c' }, periodSeconds: 5 },
              livenessProbe: { tcpSocket: {} },
              resources: { requests: { cpu: '100m' }, limits: { memory: '256Mi' } },
              volumeMounts: [{ name: 'creds', mountPath: '/creds', readOnly: true }],
              securityContext: { runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
            },
            { name: 'proxy', image: 'ghcr.io/example/proxy:1' },
          ],
          volumes: [{ name: 'creds', secret: { secretName: 'shop-creds', items: [{ key: 'a', path: 'a' }] } }],
        },
      },
      traffic: [
        { revisionName: 'shop-v1', percent: 20, tag: 'previous' },
        { latestRevision: true, percent: 80 },
      ],
    },
  };
}
