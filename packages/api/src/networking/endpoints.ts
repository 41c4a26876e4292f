// Reading Endpoints the way data-plane components need them: one target per
// ready address, with the port taken from the subset. Local mode gives pods
// distinct ports on one address, so a port number must never be assumed.
import type { Endpoints } from 'kubernetes-types/core/v1.js';

/** A host and port to dial. */
export interface EndpointTarget {
  readonly ip: string;
  readonly port: number;
}

/**
 * Every ready address of `endpoints` with the subset's port named `portName`
 * (or, for an unnamed single-port subset, that port). Subsets without such a
 * port are left out. Order follows the object.
 */
export function endpointTargets(endpoints: Endpoints | undefined, portName: string): EndpointTarget[] {
  const out: EndpointTarget[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const ports = subset.ports ?? [];
    const port = ports.find((p) => p.name === portName) ?? (ports.length === 1 && !ports[0]?.name ? ports[0] : undefined);
    if (!port) continue;
    for (const address of subset.addresses ?? []) out.push({ ip: address.ip, port: port.port });
  }
  return out;
}

/** `ip:port`, bracketing IPv6 addresses. */
export function targetAddress(target: EndpointTarget): string {
  return target.ip.includes(':') ? `[${target.ip}]:${target.port}` : `${target.ip}:${target.port}`;
}
