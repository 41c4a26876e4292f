import { asQuantity, FieldErrors, parseFields, type ConfigDeployment } from '@knot/api';
import type { ResourceRequirements } from 'kubernetes-types/core/v1.js';

const PREFIX = 'queue.sidecar.serving.knative.dev';

// Per-revision overrides; a value that is not a quantity is ignored, as Knative ignores it (the webhook rejects it first).
const ANNOTATIONS = {
  cpuRequest: asQuantity(`${PREFIX}/cpu-resource-request`, undefined),
  cpuLimit: asQuantity(`${PREFIX}/cpu-resource-limit`, undefined),
  memoryRequest: asQuantity(`${PREFIX}/memory-resource-request`, undefined),
  memoryLimit: asQuantity(`${PREFIX}/memory-resource-limit`, undefined),
  ephemeralStorageRequest: asQuantity(`${PREFIX}/ephemeral-storage-resource-request`, undefined),
  ephemeralStorageLimit: asQuantity(`${PREFIX}/ephemeral-storage-resource-limit`, undefined),
};

/** Knative's queue-proxy defaults, applied when config-features queueproxy.resource-defaults is Enabled. */
const RESOURCE_DEFAULTS = { cpuRequest: '25m', cpuLimit: '1000m', memoryRequest: '400Mi', memoryLimit: '800Mi' } as const;

/**
 * queue-proxy's requests and limits: config-deployment's queue-sidecar-* values,
 * Knative's defaults for unset ones when `useDefaults`, and the revision's
 * `queue.sidecar.serving.knative.dev/*-resource-*` annotations over both.
 */
export function makeQueueResources(config: ConfigDeployment, annotations: Readonly<Record<string, string>> | undefined, useDefaults: boolean): ResourceRequirements {
  const ann = parseFields(annotations, ANNOTATIONS, new FieldErrors());
  const pick = (annotation: string | undefined, configured: string | undefined, fallback?: string) => annotation ?? configured ?? (useDefaults ? fallback : undefined);
  // Keys in the order Go's JSON writes a ResourceList.
  const requests = quantities({
    cpu: pick(ann.cpuRequest, config.queueSidecarCpuRequest, RESOURCE_DEFAULTS.cpuRequest),
    'ephemeral-storage': pick(ann.ephemeralStorageRequest, config.queueSidecarEphemeralStorageRequest),
    memory: pick(ann.memoryRequest, config.queueSidecarMemoryRequest, RESOURCE_DEFAULTS.memoryRequest),
  });
  const limits = quantities({
    cpu: pick(ann.cpuLimit, config.queueSidecarCpuLimit, RESOURCE_DEFAULTS.cpuLimit),
    'ephemeral-storage': pick(ann.ephemeralStorageLimit, config.queueSidecarEphemeralStorageLimit),
    memory: pick(ann.memoryLimit, config.queueSidecarMemoryLimit, RESOURCE_DEFAULTS.memoryLimit),
  });
  return { requests, ...(Object.keys(limits).length > 0 ? { limits } : {}) };
}

function quantities(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined));
}
