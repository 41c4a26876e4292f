import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../../duck/condition.js';

/** A PodSpec plus the Knative serving fields (serving.knative.dev/v1 RevisionSpec). */
export interface RevisionSpec extends PodSpec {
  /** Maximum in-flight requests per pod; 0 means unlimited. */
  containerConcurrency?: number;
  /** Total time a request may take before it gets a 504. */
  timeoutSeconds?: number;
  /** Time allowed until the first response byte. */
  responseStartTimeoutSeconds?: number;
  /** Time allowed between response bytes; 0 means none. */
  idleTimeoutSeconds?: number;
}

export interface ContainerStatus {
  name?: string;
  imageDigest?: string;
}

export interface RevisionStatus extends Status {
  logUrl?: string;
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
  /** Replicas the autoscaler wants, and those ready. */
  actualReplicas?: number;
  desiredReplicas?: number;
}

export interface Revision {
  apiVersion?: 'serving.knative.dev/v1';
  kind?: 'Revision';
  metadata?: ObjectMeta;
  spec: RevisionSpec;
  status?: RevisionStatus;
}

/** The template a Configuration stamps Revisions from. */
export interface RevisionTemplateSpec {
  metadata?: ObjectMeta;
  spec: RevisionSpec;
}

export type { Container };
