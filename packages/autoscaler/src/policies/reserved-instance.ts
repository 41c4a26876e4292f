// Reserved instance (after Alibaba Cloud Knative): instead of scaling to zero,
// keep one pod of a cheaper size, and give the serving container its own
// resources back when demand returns. The Deployment remembers the original
// resources in an annotation; the revision controller leaves the template
// alone while its hash label is unchanged.
import { RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY, RESERVE_ORIGINAL_RESOURCES_ANNOTATION_KEY } from '@knot/api';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Container, ResourceRequirements } from 'kubernetes-types/core/v1.js';

/** The sidecar every revision pod carries; the serving container is the first other one. */
export const QUEUE_CONTAINER_NAME = 'queue-proxy';

export class ReserveResourcesError extends Error {
  override readonly name = 'ReserveResourcesError';
  readonly code = 'ERR_BAD_RESERVE_RESOURCES';
}

const RESOURCE_NAME = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;
// A Kubernetes quantity: a signed decimal with an optional binary, decimal or exponent suffix.
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Parses `cpu=100m,memory=128Mi`; throws ReserveResourcesError naming the bad entry. */
export function parseReserveResources(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const fail = (problem: string): never => {
    throw new ReserveResourcesError(`${RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY}: ${problem}`);
  };
  for (const part of value.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq).trim();
    const qty = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (!RESOURCE_NAME.test(name)) fail(`invalid resource name ${JSON.stringify(name)}`);
    if (!QUANTITY.test(qty) || qty.startsWith('-')) fail(`invalid quantity ${JSON.stringify(qty)} for ${name}; want e.g. cpu=100m,memory=128Mi`);
    if (Object.hasOwn(out, name)) fail(`${name} given twice`);
    out[name] = qty;
  }
  if (Object.keys(out).length === 0) fail('names no resource; want e.g. cpu=100m,memory=128Mi');
  return out;
}

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
