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
