// The reserve-instance-resources annotation's value: the resources of the one
// pod a kpa-class revision keeps instead of scaling to zero, `cpu=100m,memory=128Mi`.
import { isQuantity } from '../config/quantity.js';
import { isQualifiedName } from '../names.js';
import { RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY } from './autoscaler-policies.js';

/** The annotation does not list resources; the message names the annotation and the bad entry. */
export class ReserveResourcesError extends Error {
  override readonly name = 'ReserveResourcesError';
  readonly code = 'ERR_BAD_RESERVE_RESOURCES';
  /** The message without the annotation's name, for a field error at the annotation. */
  readonly detail: string;

  constructor(problem: string) {
    super(`${RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY}: ${problem}`);
    this.detail = problem;
  }
}

const EXAMPLE = 'want e.g. cpu=100m,memory=128Mi';
const STANDARD_CONTAINER_RESOURCES: readonly string[] = ['cpu', 'memory', 'ephemeral-storage'];
const HUGEPAGES_PREFIX = 'hugepages-';

/**
 * Kubernetes' rule for a container's resource names: names without a domain, or in
 * kubernetes.io, must be standard ones; anything else is an extended resource (`nvidia.com/gpu`).
 */
function isContainerResourceName(name: string): boolean {
  if (!isQualifiedName(name)) return false;
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  if (!native) return true;
  if (STANDARD_CONTAINER_RESOURCES.includes(name)) return true;
  return name.startsWith(HUGEPAGES_PREFIX) && isQuantity(name.slice(HUGEPAGES_PREFIX.length));
}

/** Parses `cpu=100m,memory=128Mi`; throws ReserveResourcesError naming the bad entry. */
export function parseReserveResources(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const fail = (problem: string): never => {
    throw new ReserveResourcesError(problem);
  };
  for (const part of value.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    const name = eq < 0 ? entry : entry.slice(0, eq).trim();
    const qty = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (!isContainerResourceName(name)) {
      fail(`invalid resource name ${JSON.stringify(name)}: must be cpu, memory, ephemeral-storage, hugepages-<size> or an extended resource such as nvidia.com/gpu`);
    }
    if (!isQuantity(qty) || qty.startsWith('-')) fail(`invalid quantity ${JSON.stringify(qty)} for ${name}; ${EXAMPLE}`);
    if (Object.hasOwn(out, name)) fail(`${name} given twice`);
    out[name] = qty;
  }
  if (Object.keys(out).length === 0) fail(`names no resource; ${EXAMPLE}`);
  return out;
}
