// Builders for AdmissionReviews and objects shared by the webhook's tests.
import { applyJsonPatch, type JsonPatchOperation } from '@knot/runtime';
import type { AdmissionResponse } from '../admission/admission-review.js';

export interface ReviewOptions {
  readonly uid?: string;
  readonly kind?: { group: string; version: string; kind: string };
  readonly operation?: string;
  readonly object?: unknown;
  readonly oldObject?: unknown;
  readonly subResource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly username?: string;
}

export const SERVICE_GVK = { group: 'serving.knative.dev', version: 'v1', kind: 'Service' };

/** An admission.k8s.io/v1 AdmissionReview request body, as the API server sends it. */
export function admissionReview(opts: ReviewOptions = {}): Record<string, unknown> {
  const kind = opts.kind ?? SERVICE_GVK;
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: opts.uid ?? '705ab4f5-6393-11e8-b7cc-42010a800002',
      kind,
      resource: { group: kind.group, version: kind.version, resource: `${kind.kind.toLowerCase()}s` },
      requestKind: kind,
      ...(opts.subResource ? { subResource: opts.subResource } : {}),
      name: opts.name ?? 'hello',
      namespace: opts.namespace ?? 'default',
      operation: opts.operation ?? 'CREATE',
      userInfo: { username: opts.username ?? 'alice@example.com', groups: ['system:authenticated'] },
      object: opts.object,
      oldObject: opts.oldObject ?? null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    },
  };
}

/** A valid v1 Service as a user writes it. */
export function userService(overrides: { containerConcurrency?: number; image?: string; annotations?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: { name: 'hello', namespace: 'default', ...(overrides.annotations ? { annotations: overrides.annotations } : {}) },
    spec: {
      template: {
        spec: {
          ...(overrides.containerConcurrency !== undefined ? { containerConcurrency: overrides.containerConcurrency } : {}),
          containers: [{ image: overrides.image ?? 'ghcr.io/knative/helloworld-go:latest', env: [{ name: 'TARGET', value: 'knot' }] }],
        },
      },
    },
  };
}

/** The patch of an admission response, decoded. */
export function patchOf(response: AdmissionResponse): JsonPatchOperation[] {
  if (!response.patch) return [];
  return JSON.parse(Buffer.from(response.patch, 'base64').toString('utf8')) as JsonPatchOperation[];
}

/** The object after the response's patch. */
export function patched(object: unknown, response: AdmissionResponse): unknown {
  return applyJsonPatch(object, patchOf(response));
}
