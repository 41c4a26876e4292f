import { CONFIG_DEFAULTS } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import { containerNameTemplateProblem } from './domain-template.js';
import { asBool, asField, asInt, asQuantity, parseFields, snapshot } from './parse.js';
import type { Check, ConfigData, FieldParser } from './parse.js';

/** `config-defaults` in `knative-serving`: defaults applied to every Revision. */
export interface ConfigDefaults {
  /** revision-timeout-seconds */
  readonly revisionTimeoutSeconds: number;
  /** max-revision-timeout-seconds */
  readonly maxRevisionTimeoutSeconds: number;
  /** revision-response-start-timeout-seconds; defaults to revision-timeout-seconds (parsed snapshots always set it). */
  readonly revisionResponseStartTimeoutSeconds: number | undefined;
  /** revision-idle-timeout-seconds; 0 means none. */
  readonly revisionIdleTimeoutSeconds: number;
  /** container-concurrency */
  readonly containerConcurrency: number;
  /** container-concurrency-max-limit */
  readonly containerConcurrencyMaxLimit: number;
  /** allow-container-concurrency-zero */
  readonly allowContainerConcurrencyZero: boolean;
  /** container-name-template: a Go template over the parent's metadata (see renderContainerNameTemplate). */
  readonly userContainerName: string;
  /** init-container-name-template: a Go template over the parent's metadata. */
  readonly initContainerName: string;
  /** enable-service-links: `true`/`false`; undefined leaves the pod field unset (Kubernetes then enables them). */
  readonly enableServiceLinks: boolean | undefined;
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
  revisionResponseStartTimeoutSeconds: 300,
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

const template: Check<string> = (t) => containerNameTemplateProblem(t);

// Knative's tri-state: true/false in any case, anything else leaves the pod field unset.
const asTriState = (key: string, fallback: boolean | undefined): FieldParser<boolean | undefined> =>
  asField<boolean | undefined>(key, fallback, (raw) => ({
    value: raw.toLowerCase() === 'true' ? true : raw.toLowerCase() === 'false' ? false : undefined,
  }));

const d = DEFAULT_CONFIG_DEFAULTS;
const FIELDS = {
  revisionTimeoutSeconds: asInt('revision-timeout-seconds', d.revisionTimeoutSeconds),
  maxRevisionTimeoutSeconds: asInt('max-revision-timeout-seconds', d.maxRevisionTimeoutSeconds),
  revisionIdleTimeoutSeconds: asInt('revision-idle-timeout-seconds', d.revisionIdleTimeoutSeconds),
  containerConcurrency: asInt('container-concurrency', d.containerConcurrency),
  containerConcurrencyMaxLimit: asInt('container-concurrency-max-limit', d.containerConcurrencyMaxLimit),
  allowContainerConcurrencyZero: asBool('allow-container-concurrency-zero', d.allowContainerConcurrencyZero),
  // Templates are kept as written (Go's parser does not trim), so use a raw field.
  userContainerName: asField('container-name-template', d.userContainerName, (raw) => ({ value: raw }), [template]),
  initContainerName: asField('init-container-name-template', d.initContainerName, (raw) => ({ value: raw }), [template]),
  enableServiceLinks: asTriState('enable-service-links', d.enableServiceLinks),
  revisionCpuRequest: asQuantity('revision-cpu-request', d.revisionCpuRequest),
  revisionMemoryRequest: asQuantity('revision-memory-request', d.revisionMemoryRequest),
  revisionEphemeralStorageRequest: asQuantity('revision-ephemeral-storage-request', d.revisionEphemeralStorageRequest),
  revisionCpuLimit: asQuantity('revision-cpu-limit', d.revisionCpuLimit),
  revisionMemoryLimit: asQuantity('revision-memory-limit', d.revisionMemoryLimit),
  revisionEphemeralStorageLimit: asQuantity('revision-ephemeral-storage-limit', d.revisionEphemeralStorageLimit),
};

/** Parses `config-defaults` with Knative's cross-checks; throws ConfigError naming each bad key. */
export function parseConfigDefaults(data: ConfigData): ConfigDefaults {
  const errs = new FieldErrors();
  const v = parseFields(data, FIELDS, errs);
  // Unset, the response-start timeout follows the revision timeout, as in Knative.
  const responseStart = parseFields(
    data,
    { t: asInt('revision-response-start-timeout-seconds', v.revisionTimeoutSeconds) },
    errs,
  ).t;
  if (errs.empty) crossCheck({ ...v, revisionResponseStartTimeoutSeconds: responseStart }, errs);
  return snapshot(CONFIG_DEFAULTS, errs, { ...v, revisionResponseStartTimeoutSeconds: responseStart });
}

function crossCheck(c: ConfigDefaults & { revisionResponseStartTimeoutSeconds: number }, errs: FieldErrors): void {
  const atMost = (key: string, value: number, limitKey: string, limit: number): void => {
    if (value > limit) errs.add(key, `must be at most ${limitKey} (${limit}), got ${value}`);
  };
  const timeout = c.revisionTimeoutSeconds;
  atMost('revision-timeout-seconds', timeout, 'max-revision-timeout-seconds', c.maxRevisionTimeoutSeconds);
  atMost('revision-response-start-timeout-seconds', c.revisionResponseStartTimeoutSeconds, 'revision-timeout-seconds', timeout);
  atMost('revision-idle-timeout-seconds', c.revisionIdleTimeoutSeconds, 'revision-timeout-seconds', timeout);
  const limit = c.containerConcurrencyMaxLimit;
  if (limit < 1) {
    errs.add('container-concurrency-max-limit', `must be at least 1, got ${limit}`);
  } else if (c.containerConcurrency < 0 || c.containerConcurrency > limit) {
    errs.add('container-concurrency', `must be between 0 and ${limit}, got ${c.containerConcurrency}`);
  }
}
