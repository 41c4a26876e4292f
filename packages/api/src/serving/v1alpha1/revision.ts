import type { Container, ObjectReference } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { RevisionSpec as V1RevisionSpec, RevisionStatus as V1RevisionStatus } from '../v1/revision.js';

/** How many requests one container takes at once, before containerConcurrency replaced it. */
export type ConcurrencyModel = 'Single' | 'Multi';

/** serving.knative.dev/v1alpha1 RevisionSpec: the v1 spec plus the single `container` and the retired build fields. */
export interface RevisionSpec extends Omit<V1RevisionSpec, 'containers'> {
  containers?: Container[];
  /** The one user container; became `containers[0]` in v1. */
  container?: Container;
  /** Deprecated: metadata.generation replaced it. */
  generation?: number;
  /** Deprecated: the autoscaler decides whether a revision is active. */
  servingState?: string;
  /** Deprecated: `Single` became containerConcurrency 1. */
  concurrencyModel?: ConcurrencyModel;
  /** Retired with Knative Build; cannot be converted. */
  buildName?: string;
  /** Retired with Knative Build; cannot be converted. */
  buildRef?: ObjectReference;
}

export interface RevisionStatus extends V1RevisionStatus {
  /** Deprecated: the name of the revision's Kubernetes Service. */
  serviceName?: string;
}

export interface Revision {
  apiVersion?: 'serving.knative.dev/v1alpha1';
  kind?: 'Revision';
  metadata?: ObjectMeta;
  spec: RevisionSpec;
  status?: RevisionStatus;
}

export interface RevisionTemplateSpec {
  metadata?: ObjectMeta;
  spec: RevisionSpec;
}
