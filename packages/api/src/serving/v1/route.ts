import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Addressable } from '../../duck/addressable.js';
import type { Status } from '../../duck/condition.js';

/** One entry of `spec.traffic` / `status.traffic`. */
export interface TrafficTarget {
  /** Gives the target its own URL, `{tag}-{name}.{namespace}.{domain}` by default. */
  tag?: string;
  revisionName?: string;
  configurationName?: string;
  /** Follow the configuration's latest ready revision. */
  latestRevision?: boolean;
  percent?: number;
  /** Status only: the tag's URL. */
  url?: string;
}

export interface RouteSpec {
  traffic?: TrafficTarget[];
}

export interface RouteStatusFields {
  url?: string;
  address?: Addressable;
  traffic?: TrafficTarget[];
}

export interface RouteStatus extends Status, RouteStatusFields {}

export interface Route {
  apiVersion?: 'serving.knative.dev/v1';
  kind?: 'Route';
  metadata?: ObjectMeta;
  spec: RouteSpec;
  status?: RouteStatus;
}
