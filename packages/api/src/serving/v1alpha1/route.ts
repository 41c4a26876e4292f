import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../../duck/condition.js';
import type { TrafficTarget as V1TrafficTarget } from '../v1/route.js';

/** A v1 traffic target plus `name`, which v1beta1 renamed `tag`. */
export interface TrafficTarget extends V1TrafficTarget {
  name?: string;
}

export interface RouteSpec {
  /** Deprecated: metadata.generation replaced it. */
  generation?: number;
  traffic?: TrafficTarget[];
}

/** v1alpha1's Addressable carried a bare hostname beside the URL. */
export interface LegacyAddressable {
  hostname?: string;
  url?: string;
}

export interface RouteStatusFields {
  url?: string;
  /** Deprecated: the host part of `url`. */
  domain?: string;
  /** Deprecated: the cluster-local host. */
  domainInternal?: string;
  address?: LegacyAddressable;
  traffic?: TrafficTarget[];
}

export interface RouteStatus extends Status, RouteStatusFields {}

export interface Route {
  apiVersion?: 'serving.knative.dev/v1alpha1';
  kind?: 'Route';
  metadata?: ObjectMeta;
  spec: RouteSpec;
  status?: RouteStatus;
}
