import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { BindingSpec } from '../duck/binding.js';
import type { SourceSpec, SourceStatus } from '../duck/source.js';

export interface SinkBindingSpec extends SourceSpec, BindingSpec {}

export interface SinkBindingStatus extends SourceStatus {
  oidcTokenSecretName?: string;
}

/** Injects `K_SINK` and `K_CE_OVERRIDES` into the pods of its subject (sources.knative.dev/v1 SinkBinding). */
export interface SinkBinding {
  apiVersion?: 'sources.knative.dev/v1';
  kind?: 'SinkBinding';
  metadata?: ObjectMeta;
  spec: SinkBindingSpec;
  status?: SinkBindingStatus;
}

export const SinkBindingConditions = {
  Ready: 'Ready',
  SinkBindingAvailable: 'SinkBindingAvailable',
  SinkProvided: 'SinkProvided',
  TrustBundlePropagated: 'TrustBundlePropagated',
  OIDCIdentityCreated: 'OIDCIdentityCreated',
  OIDCTokenSecretCreated: 'OIDCTokenSecretCreated',
} as const;
