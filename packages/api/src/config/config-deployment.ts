import { CONFIG_DEPLOYMENT } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import { isDns1123Subdomain } from '../names.js';
import { mostSpecific, stringSelector, yamlValue } from './label-selector.js';
import type { SelectorEntry } from './label-selector.js';
import {
  asBool,
  asDuration,
  asEnum,
  asField,
  asQuantity,
  asString,
  asStringSet,
  showGoDuration,
  greaterThan,
  nonEmpty,
  parseFields,
  snapshot,
  wholeSeconds,
} from './parse.js';
import type { ConfigData, FieldParser } from './parse.js';

/** knot's queue-proxy image: the default queue-sidecar-image (Knative requires the key; knot ships its own). */
export const KNOT_QUEUE_PROXY_IMAGE = 'ghcr.io/knot-dev/queue-proxy:latest';

export type AffinityType = 'none' | 'prefer-spread-revision-over-nodes';

/** `config-deployment` in `knative-serving`: how revisions become Deployments. Durations in milliseconds. */
export interface ConfigDeployment {
  /** queue-sidecar-image (legacy `queueSidecarImage`) */
  readonly queueSidecarImage: string;
  /** registries-skipping-tag-resolving: registries whose tags are never resolved to digests. */
  readonly registriesSkippingTagResolving: readonly string[];
  /** digest-resolution-timeout */
  readonly digestResolutionTimeoutMs: number;
  /** progress-deadline: whole seconds. */
  readonly progressDeadlineMs: number;
  /** queue-sidecar-cpu-request and friends: Kubernetes quantities, undefined when unset. */
  readonly queueSidecarCpuRequest: string | undefined;
  readonly queueSidecarCpuLimit: string | undefined;
  readonly queueSidecarMemoryRequest: string | undefined;
  readonly queueSidecarMemoryLimit: string | undefined;
  readonly queueSidecarEphemeralStorageRequest: string | undefined;
  readonly queueSidecarEphemeralStorageLimit: string | undefined;
  /** queue-sidecar-token-audiences */
  readonly queueSidecarTokenAudiences: readonly string[];
  /** queue-sidecar-rootca */
  readonly queueSidecarRootCA: string;
  /** queue-sidecar-tls-min-version / -max-version / -cipher-suites / -curve-preferences */
  readonly queueSidecarTLSMinVersion: string;
  readonly queueSidecarTLSMaxVersion: string;
  readonly queueSidecarTLSCipherSuites: string;
  readonly queueSidecarTLSCurvePreferences: string;
  /** default-affinity-type */
  readonly defaultAffinityType: AffinityType;
  /** runtime-class-name: runtime classes chosen by revision labels (see runtimeClassNameFor). */
  readonly runtimeClassNames: readonly SelectorEntry[];
  /** pod-is-always-schedulable */
  readonly podIsAlwaysSchedulable: boolean;
  /** concurrency-state-endpoint: where queue-proxy reports pause/resume; empty means off. */
  readonly concurrencyStateEndpoint: string;
  /**
   * tag-resolution (knot only): resolve image tags to digests when creating revisions.
   * Knative always resolves; knot leaves it off by default so local registries and `knot dev` work offline.
   */
  readonly tagResolution: boolean;
}

export const DEFAULT_CONFIG_DEPLOYMENT: ConfigDeployment = Object.freeze({
  queueSidecarImage: KNOT_QUEUE_PROXY_IMAGE,
  registriesSkippingTagResolving: Object.freeze(['kind.local', 'ko.local', 'dev.local']),
  digestResolutionTimeoutMs: 10_000,
  progressDeadlineMs: 600_000,
  queueSidecarCpuRequest: '25m',
  queueSidecarCpuLimit: undefined,
  queueSidecarMemoryRequest: undefined,
  queueSidecarMemoryLimit: undefined,
  queueSidecarEphemeralStorageRequest: undefined,
  queueSidecarEphemeralStorageLimit: undefined,
  queueSidecarTokenAudiences: Object.freeze([]),
  queueSidecarRootCA: '',
  queueSidecarTLSMinVersion: '',
  queueSidecarTLSMaxVersion: '',
  queueSidecarTLSCipherSuites: '',
  queueSidecarTLSCurvePreferences: '',
  defaultAffinityType: 'prefer-spread-revision-over-nodes',
  runtimeClassNames: Object.freeze([]),
  podIsAlwaysSchedulable: false,
  concurrencyStateEndpoint: '',
  tagResolution: false,
});

// runtime-class-name is YAML: `<class>: {selector: {<label>: <value>}}`; an empty selector matches every revision.
const asRuntimeClasses = (key: string): FieldParser<readonly SelectorEntry[]> =>
  asField<readonly SelectorEntry[]>(key, [], (raw) => {
    const parsed = yamlValue(raw);
    if ('problem' in parsed) return parsed;
    const value = parsed.value ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) return { problem: 'must be a map of runtime class names' };
    const entries: SelectorEntry[] = [];
    for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
      if (!isDns1123Subdomain(name)) return { problem: `runtime class ${JSON.stringify(name)} is not a valid DNS subdomain` };
      if (spec !== null && (typeof spec !== 'object' || Array.isArray(spec))) return { problem: `${name} must be a map with a selector` };
      const selector = stringSelector((spec as { selector?: unknown } | null)?.selector, `${name} selector`);
      if ('problem' in selector) return selector;
      entries.push({ name, selector: selector.value });
    }
    return { value: entries };
  });

const d = DEFAULT_CONFIG_DEPLOYMENT;
const FIELDS = {
  queueSidecarImage: asString(['queue-sidecar-image', 'queueSidecarImage'], d.queueSidecarImage, nonEmpty),
  registriesSkippingTagResolving: asStringSet(
    ['registries-skipping-tag-resolving', 'registriesSkippingTagResolving'],
    d.registriesSkippingTagResolving,
  ),
  digestResolutionTimeoutMs: asDuration(
    ['digest-resolution-timeout', 'digestResolutionTimeout'],
    d.digestResolutionTimeoutMs,
    greaterThan(0, showGoDuration),
  ),
  progressDeadlineMs: asDuration(['progress-deadline', 'progressDeadline'], d.progressDeadlineMs, greaterThan(0, showGoDuration), wholeSeconds),
  queueSidecarCpuRequest: asQuantity(['queue-sidecar-cpu-request', 'queueSidecarCPURequest'], d.queueSidecarCpuRequest),
  queueSidecarCpuLimit: asQuantity(['queue-sidecar-cpu-limit', 'queueSidecarCPULimit'], d.queueSidecarCpuLimit),
  queueSidecarMemoryRequest: asQuantity(['queue-sidecar-memory-request', 'queueSidecarMemoryRequest'], d.queueSidecarMemoryRequest),
  queueSidecarMemoryLimit: asQuantity(['queue-sidecar-memory-limit', 'queueSidecarMemoryLimit'], d.queueSidecarMemoryLimit),
  queueSidecarEphemeralStorageRequest: asQuantity(
    ['queue-sidecar-ephemeral-storage-request', 'queueSidecarEphemeralStorageRequest'],
    d.queueSidecarEphemeralStorageRequest,
  ),
  queueSidecarEphemeralStorageLimit: asQuantity(
    ['queue-sidecar-ephemeral-storage-limit', 'queueSidecarEphemeralStorageLimit'],
    d.queueSidecarEphemeralStorageLimit,
  ),
  queueSidecarTokenAudiences: asStringSet('queue-sidecar-token-audiences', d.queueSidecarTokenAudiences),
  queueSidecarRootCA: asString('queue-sidecar-rootca', d.queueSidecarRootCA),
  queueSidecarTLSMinVersion: asString('queue-sidecar-tls-min-version', d.queueSidecarTLSMinVersion),
  queueSidecarTLSMaxVersion: asString('queue-sidecar-tls-max-version', d.queueSidecarTLSMaxVersion),
  queueSidecarTLSCipherSuites: asString('queue-sidecar-tls-cipher-suites', d.queueSidecarTLSCipherSuites),
  queueSidecarTLSCurvePreferences: asString('queue-sidecar-tls-curve-preferences', d.queueSidecarTLSCurvePreferences),
  defaultAffinityType: asEnum<AffinityType>('default-affinity-type', d.defaultAffinityType, ['none', 'prefer-spread-revision-over-nodes']),
  runtimeClassNames: asRuntimeClasses('runtime-class-name'),
  podIsAlwaysSchedulable: asBool('pod-is-always-schedulable', d.podIsAlwaysSchedulable),
  concurrencyStateEndpoint: asString('concurrency-state-endpoint', d.concurrencyStateEndpoint),
  tagResolution: asBool('tag-resolution', d.tagResolution),
};

/** Parses `config-deployment` with Knative's validation; throws ConfigError naming each bad key. */
export function parseConfigDeployment(data: ConfigData): ConfigDeployment {
  const errs = new FieldErrors();
  return snapshot(CONFIG_DEPLOYMENT, errs, parseFields(data, FIELDS, errs));
}

/** The runtime class for a revision with these labels: the most specific matching selector, if any. */
export function runtimeClassNameFor(config: ConfigDeployment, labels: Readonly<Record<string, string>> = {}): string | undefined {
  return mostSpecific(config.runtimeClassNames, labels)?.name;
}
