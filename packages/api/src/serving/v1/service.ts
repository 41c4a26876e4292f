import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../../duck/condition.js';
import type { ConfigurationSpec, ConfigurationStatusFields } from './configuration.js';
import type { RouteSpec, RouteStatusFields } from './route.js';

/** A Service is a Configuration plus a Route under one name. */
export interface ServiceSpec extends ConfigurationSpec, RouteSpec {}

export interface ServiceStatus extends Status, ConfigurationStatusFields, RouteStatusFields {}

export interface Service {
  apiVersion?: 'serving.knative.dev/v1';
  kind?: 'Service';
  metadata?: ObjectMeta;
  spec: ServiceSpec;
  status?: ServiceStatus;
}
