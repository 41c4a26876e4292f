import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

export type { ObjectMeta, OwnerReference, LabelSelector } from 'kubernetes-types/meta/v1.js';

/** Any Kubernetes object: what every `Client` method reads and writes. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}
