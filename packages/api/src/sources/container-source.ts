import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { SourceSpec, SourceStatus } from '../duck/source.js';

export interface ContainerSourceSpec extends SourceSpec {
  /** The pod that produces events; it gets `K_SINK` and `K_CE_OVERRIDES` through a SinkBinding. */
  template: PodTemplateSpec;
}

export type ContainerSourceStatus = SourceStatus;

/** sources.knative.dev/v1 ContainerSource. */
export interface ContainerSource {
  apiVersion?: 'sources.knative.dev/v1';
  kind?: 'ContainerSource';
  metadata?: ObjectMeta;
  spec: ContainerSourceSpec;
  status?: ContainerSourceStatus;
}

export const ContainerSourceConditions = {
  Ready: 'Ready',
  SinkBindingReady: 'SinkBindingReady',
  ReceiveAdapterReady: 'ReceiveAdapterReady',
} as const;
