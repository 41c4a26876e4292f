// Local pods share 127.0.0.1, so each declared containerPort is reached on a
// host port of its own, recorded in the Pod's spec as `hostPort`.
import type { Container, PodSpec } from 'kubernetes-types/core/v1.js';

/** One declared port and where it is reachable on this machine. */
export interface PodPort {
  readonly container: string;
  readonly name: string | undefined;
  readonly containerPort: number;
  readonly hostPort: number;
}

/** Every declared port of the pod's containers that has a host port. */
export function podPorts(spec: PodSpec | undefined): PodPort[] {
  const out: PodPort[] = [];
  for (const c of spec?.containers ?? []) {
    for (const p of c.ports ?? []) {
      if (p.hostPort) out.push({ container: c.name, name: p.name, containerPort: p.containerPort, hostPort: p.hostPort });
    }
  }
  return out;
}

/** True when some declared port has no host port yet. */
export function needsHostPorts(spec: PodSpec | undefined): boolean {
  return (spec?.containers ?? []).some((c) => (c.ports ?? []).some((p) => !p.hostPort));
}

/** A copy of `spec` with a host port allocated for every declared port that has none. */
export async function withHostPorts(spec: PodSpec, allocate: () => Promise<number>): Promise<PodSpec> {
  const containers: Container[] = [];
  for (const c of spec.containers) {
    if (!c.ports) {
      containers.push(c);
      continue;
    }
    const ports = [];
    for (const p of c.ports) ports.push(p.hostPort ? p : { ...p, hostPort: await allocate() });
    containers.push({ ...c, ports });
  }
  return { ...spec, containers };
}

/**
 * The host port a Service's `targetPort` reaches on this pod: a number names
 * the containerPort with that number (the number itself when no container
 * declares it, as Kubernetes sends to it anyway), a name the containerPort of
 * that name (undefined when there is none).
 */
export function resolveTargetPort(spec: PodSpec | undefined, targetPort: number | string): number | undefined {
  const ports = podPorts(spec);
  if (typeof targetPort === 'number') return ports.find((p) => p.containerPort === targetPort)?.hostPort ?? targetPort;
  return ports.find((p) => p.name === targetPort)?.hostPort;
}

/** The host port of `containerPort` in one container (or any container when `container` is undefined). */
export function hostPortOf(spec: PodSpec | undefined, containerPort: number, container?: string): number | undefined {
  return podPorts(spec).find((p) => p.containerPort === containerPort && (container === undefined || p.container === container))?.hostPort;
}
