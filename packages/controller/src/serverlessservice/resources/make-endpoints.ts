// The public Endpoints of an SKS and the subsets they copy from the pods or the activators.
import { BACKEND_HTTPS_PORT, SERVICE_TYPE_PUBLIC, type ServerlessService } from '@knot/api';
import type { EndpointSubset, Endpoints } from 'kubernetes-types/core/v1.js';
import { chooseSubset } from './choose-subset.js';
import { childMeta, SERVICE_PORT_NAME_HTTPS, servingPortName, targetPort } from './make-services.js';

/** The public Service's Endpoints (same name as the Service), with `subsets` cut to the ports it serves. */
export function makePublicEndpoints(sks: ServerlessService, subsets: readonly EndpointSubset[] | undefined): Endpoints {
  const filtered = filterSubsetPorts(sks, subsets);
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: childMeta(sks, sks.metadata?.name ?? '', SERVICE_TYPE_PUBLIC),
    ...(filtered ? { subsets: filtered } : {}),
  };
}

/**
 * A copy of `subsets` keeping only the serving port and the HTTPS port (drops
 * metrics, admin, ...); undefined when empty. A port is kept by its number, as
 * Knative does, or by its name: in local mode every pod has its own numbers.
 */
export function filterSubsetPorts(sks: ServerlessService, subsets: readonly EndpointSubset[] | undefined): EndpointSubset[] | undefined {
  if (!subsets || subsets.length === 0) return undefined;
  const keep = targetPort(sks);
  const names = new Set([servingPortName(sks), SERVICE_PORT_NAME_HTTPS]);
  return subsets.map((subset) => {
    const ports = subset.ports?.filter((p) => p.port === keep || p.port === BACKEND_HTTPS_PORT || (p.name !== undefined && names.has(p.name))) ?? [];
    const { ports: _, ...rest } = structuredClone(subset);
    return ports.length > 0 ? { ...rest, ports: structuredClone(ports) } : rest;
  });
}

/** Ready addresses over all subsets (Knative's ReadyAddressCount). */
export function readyAddressCount(endpoints: Endpoints | undefined): number {
  return (endpoints?.subsets ?? []).reduce((n, s) => n + (s.addresses?.length ?? 0), 0);
}

/**
 * `n` of the endpoints' ready addresses (0 means all), chosen consistently for
 * `target` by IP, keeping the original order and dropping subsets left empty.
 */
export function subsetEndpoints(subsets: readonly EndpointSubset[] | undefined, target: string, n: number): readonly EndpointSubset[] | undefined {
  if (!subsets || subsets.length === 0 || n <= 0) return subsets;
  const ips = new Set(subsets.flatMap((s) => (s.addresses ?? []).map((a) => a.ip)));
  if (ips.size <= n) return subsets;
  const chosen = chooseSubset(ips, n, target);
  return subsets
    .map((s) => ({ ...s, addresses: (s.addresses ?? []).filter((a) => chosen.has(a.ip)) }))
    .filter((s) => s.addresses.length > 0);
}
