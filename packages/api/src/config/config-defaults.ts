/** `config-defaults` in `knative-serving`: defaults applied to every Revision. */
export interface ConfigDefaults {
  /** revision-timeout-seconds */
  readonly revisionTimeoutSeconds: number;
  /** max-revision-timeout-seconds */
  readonly maxRevisionTimeoutSeconds: number;
  /** revision-response-start-timeout-seconds; undefined means the revision timeout. */
  readonly revisionResponseStartTimeoutSeconds: number | undefined;
  /** revision-idle-timeout-seconds; 0 means none. */
  readonly revisionIdleTimeoutSeconds: number;
  /** container-concurrency */
  readonly containerConcurrency: number;
  /** container-concurrency-max-limit */
  readonly containerConcurrencyMaxLimit: number;
  /** allow-container-concurrency-zero */
  readonly allowContainerConcurrencyZero: boolean;
  /** container-name-template */
  readonly userContainerName: string;
  /** init-container-name-template */
  readonly initContainerName: string;
  /** enable-service-links */
  readonly enableServiceLinks: boolean;
  /** revision-cpu-request and friends: resource quantities, undefined when unset. */
  readonly revisionCpuRequest: string | undefined;
  readonly revisionMemoryRequest: string | undefined;
  readonly revisionEphemeralStorageRequest: string | undefined;
  readonly revisionCpuLimit: string | undefined;
  readonly revisionMemoryLimit: string | undefined;
  readonly revisionEphemeralStorageLimit: string | undefined;
}

export const DEFAULT_CONFIG_DEFAULTS: ConfigDefaults = Object.freeze({
  revisionTimeoutSeconds: 300,
  maxRevisionTimeoutSeconds: 600,
  revisionResponseStartTimeoutSeconds: undefined,
  revisionIdleTimeoutSeconds: 0,
  containerConcurrency: 0,
  containerConcurrencyMaxLimit: 1000,
  allowContainerConcurrencyZero: true,
  userContainerName: 'user-container',
  initContainerName: 'init-container',
  enableServiceLinks: false,
  revisionCpuRequest: undefined,
  revisionMemoryRequest: undefined,
  revisionEphemeralStorageRequest: undefined,
  revisionCpuLimit: undefined,
  revisionMemoryLimit: undefined,
  revisionEphemeralStorageLimit: undefined,
});
