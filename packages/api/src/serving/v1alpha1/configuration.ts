import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import type { ConfigurationStatus } from '../v1/configuration.js';
import type { RevisionTemplateSpec } from './revision.js';

/** serving.knative.dev/v1alpha1 ConfigurationSpec: `revisionTemplate` was renamed `template` in v1beta1. */
export interface ConfigurationSpec {
  /** Deprecated: metadata.generation replaced it. */
  generation?: number;
  /** Retired with Knative Build (a raw Build object); cannot be converted. */
  build?: Record<string, unknown>;
  revisionTemplate?: RevisionTemplateSpec;
  template?: RevisionTemplateSpec;
}

export interface Configuration {
  apiVersion?: 'serving.knative.dev/v1alpha1';
  kind?: 'Configuration';
  metadata?: ObjectMeta;
  spec: ConfigurationSpec;
  status?: ConfigurationStatus;
}
