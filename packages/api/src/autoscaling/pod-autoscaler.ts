import type { ObjectReference } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../duck/condition.js';
import type { ProtocolType } from '../networking/protocol-type.js';

/** Whether the revision takes traffic from any route; '' means not yet known. */
export type ReachabilityType = 'Reachable' | 'Unreachable' | '';

export interface PodAutoscalerSpec {
  /** Hard limit of in-flight requests per pod; 0 means unlimited. */
  containerConcurrency?: number;
  /** The Deployment (or other scalable) whose replicas this autoscaler sets. */
  scaleTargetRef: ObjectReference;
  reachability?: ReachabilityType;
  protocolType: ProtocolType;
}

export interface PodAutoscalerStatus extends Status {
  /** The K8s Service that fronts the revision (from the ServerlessService). */
  serviceName?: string;
  /** The K8s Service the autoscaler scrapes metrics from. */
  metricsServiceName?: string;
  /** Pods the autoscaler wants; unset until it has decided. */
  desiredScale?: number;
  /** Pods observed ready. */
  actualScale?: number;
}

/** One revision's autoscaler (autoscaling.internal.knative.dev/v1alpha1 PodAutoscaler); class and tuning come from annotations. */
export interface PodAutoscaler {
  apiVersion?: 'autoscaling.internal.knative.dev/v1alpha1';
  kind?: 'PodAutoscaler';
  metadata?: ObjectMeta;
  spec: PodAutoscalerSpec;
  status?: PodAutoscalerStatus;
}

export const PodAutoscalerConditions = {
  Ready: 'Ready',
  ScaleTargetInitialized: 'ScaleTargetInitialized',
  Active: 'Active',
  SKSReady: 'SKSReady',
} as const;
