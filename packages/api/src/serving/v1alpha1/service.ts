import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../../duck/condition.js';
import type { ConfigurationStatusFields } from '../v1/configuration.js';
import type { ConfigurationSpec } from './configuration.js';
import type { RouteSpec, RouteStatusFields } from './route.js';

/** Always route 100% to the latest ready revision of the configuration. */
export interface RunLatestType {
  configuration: ConfigurationSpec;
}

/** Route 100% to one named revision. */
export interface PinnedType {
  revisionName: string;
  configuration: ConfigurationSpec;
}

/**
 * Split traffic between a `current` revision and a `candidate` one (`@latest` names the
 * latest ready revision); the candidate gets rolloutPercent.
 */
export interface ReleaseType {
  /** One or two revision names: [current] or [current, candidate]. */
  revisions: string[];
  /** Percent [0, 99] of traffic to the candidate. */
  rolloutPercent?: number;
  configuration: ConfigurationSpec;
}

/** The Service stops managing its Configuration and Route; the user edits them directly. */
export type ManualType = Record<string, never>;

/**
 * serving.knative.dev/v1alpha1 ServiceSpec: exactly one of the four rollout modes, or
 * (since v0.6) the v1beta1-style inline template and traffic.
 */
export interface ServiceSpec extends ConfigurationSpec, RouteSpec {
  runLatest?: RunLatestType;
  pinned?: PinnedType;
  release?: ReleaseType;
  manual?: ManualType;
}

export interface ServiceStatus extends Status, ConfigurationStatusFields, RouteStatusFields {}

export interface Service {
  apiVersion?: 'serving.knative.dev/v1alpha1';
  kind?: 'Service';
  metadata?: ObjectMeta;
  spec: ServiceSpec;
  status?: ServiceStatus;
}
