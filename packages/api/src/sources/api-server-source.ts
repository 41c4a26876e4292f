import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { SourceSpec, SourceStatus } from '../duck/source.js';
import type { SubscriptionsAPIFilter } from '../eventing/trigger.js';

/** `Reference` sends a reference to the changed object, `Resource` the whole object. */
export type ApiServerSourceEventMode = 'Reference' | 'Resource';

export interface APIVersionKind {
  apiVersion: string;
  kind: string;
}

/** A kind to watch, optionally narrowed by labels. */
export interface APIVersionKindSelector extends APIVersionKind {
  selector?: LabelSelector;
}

export interface ApiServerSourceSpec extends SourceSpec {
  resources?: APIVersionKindSelector[];
  /** Only objects owned by this kind. */
  owner?: APIVersionKind;
  mode?: ApiServerSourceEventMode;
  /** Whose permissions the adapter watches with; defaults to `default`. */
  serviceAccountName?: string;
  /** Watch the namespaces it selects instead of the source's own. */
  namespaceSelector?: LabelSelector;
  filters?: SubscriptionsAPIFilter[];
}

export interface ApiServerSourceStatus extends SourceStatus {
  /** The namespaces being watched. */
  namespaces?: string[];
}

/** Turns Kubernetes API changes into events (sources.knative.dev/v1 ApiServerSource). */
export interface ApiServerSource {
  apiVersion?: 'sources.knative.dev/v1';
  kind?: 'ApiServerSource';
  metadata?: ObjectMeta;
  spec: ApiServerSourceSpec;
  status?: ApiServerSourceStatus;
}

export const ApiServerSourceConditions = {
  Ready: 'Ready',
  SinkProvided: 'SinkProvided',
  Deployed: 'Deployed',
  SufficientPermissions: 'SufficientPermissions',
  OIDCIdentityCreated: 'OIDCIdentityCreated',
} as const;
