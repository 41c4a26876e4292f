// Reserved instance (after Alibaba Cloud Knative): instead of scaling to zero,
// keep one pod of a cheaper size, and give the serving container its own
// resources back when demand returns. The Deployment remembers the original
// resources in an annotation; the revision controller leaves the template
// alone while its hash label is unchanged. The annotation's value is parsed by
// @knot/api's parseReserveResources.
import { RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Container, ResourceRequirements } from 'kubernetes-types/core/v1.js';

/** The sidecar every revision pod carries; the serving container is the first other one. */
export const QUEUE_CONTAINER_NAME = 'queue-proxy';

export function isReserved(d: Deployment): boolean {
  return d.metadata?.annotations?.[RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY] !== undefined;
}

function servingContainer(d: Deployment): Container | undefined {
  return d.spec?.template.spec?.containers.find((c) => c.name !== QUEUE_CONTAINER_NAME);
}

/** The Deployment holding one pod whose serving container asks for `resources` only (requests and limits alike). */
export function toReserve(have: Deployment, resources: Record<string, string>): Deployment {
  const d = structuredClone(have);
  const container = servingContainer(d);
  if (!d.spec || !container) return d;
  if (!isReserved(have)) {
    d.metadata = { ...d.metadata, annotations: { ...d.metadata?.annotations, [RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY]: JSON.stringify(container.resources ?? {}) } };
  }
  container.resources = { requests: { ...resources }, limits: { ...resources } };
  d.spec.replicas = 1;
  return d;
}

/** The Deployment with the serving container's own resources back and `replicas` pods. */
export function fromReserve(have: Deployment, replicas: number): Deployment {
  const d = structuredClone(have);
  const { [RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY]: saved, ...annotations } = d.metadata?.annotations ?? {};
  const container = servingContainer(d);
  if (!d.spec || saved === undefined) return d;
  d.metadata = { ...d.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete d.metadata.annotations;
  if (container) {
    const original = parseSaved(saved);
    if (original && Object.keys(original).length > 0) container.resources = original;
    else delete container.resources;
  }
  d.spec.replicas = replicas;
  return d;
}

function parseSaved(saved: string): ResourceRequirements | undefined {
  try {
    const v: unknown = JSON.parse(saved);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v) : undefined;
  } catch {
    return undefined;
  }
}
