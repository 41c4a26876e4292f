import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { Status } from '../../duck/condition.js';
import type { RevisionTemplateSpec } from './revision.js';

export interface ConfigurationSpec {
  template: RevisionTemplateSpec;
}

export interface ConfigurationStatusFields {
  latestReadyRevisionName?: string;
  latestCreatedRevisionName?: string;
}

export interface ConfigurationStatus extends Status, ConfigurationStatusFields {}

export interface Configuration {
  apiVersion?: 'serving.knative.dev/v1';
  kind?: 'Configuration';
  metadata?: ObjectMeta;
  spec: ConfigurationSpec;
  status?: ConfigurationStatus;
}
