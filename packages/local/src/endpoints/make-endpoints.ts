// The Endpoints of a Service with a selector, from the pods it selects, with each pod's own host ports.
import type { EndpointAddress, EndpointPort, EndpointSubset, Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import { resolveTargetPort } from '../pods/pod-ports.js';
import { isFinished, isPodReady, isTerminating } from '../pods/pod-readiness.js';

/**
 * One subset per pod, since local pods share 127.0.0.1 and differ only in
 * ports: each Service port named as in the Service and numbered with the
 * pod's host port for its targetPort. Ready pods are `addresses`, the others
 * `notReadyAddresses` (all `addresses` with publishNotReadyAddresses).
 * Pods without an IP, terminating or finished ones, and pods that have none
 * of the Service's ports are left out.
 */
export function makeEndpoints(svc: Service, pods: readonly Pod[]): Endpoints {
  const subsets: EndpointSubset[] = [];
  const sorted = [...pods].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const pod of sorted) {
    const ip = pod.status?.podIP;
    if (!ip || isTerminating(pod) || isFinished(pod)) continue;
    const ports = podEndpointPorts(svc, pod);
    if (ports.length === 0 && (svc.spec?.ports?.length ?? 0) > 0) continue;
    const address: EndpointAddress = {
      ip,
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: { kind: 'Pod', namespace: pod.metadata?.namespace, name: pod.metadata?.name, uid: pod.metadata?.uid },
    };
    const ready = isPodReady(pod) || svc.spec?.publishNotReadyAddresses === true;
    subsets.push(ready ? { addresses: [address], ports } : { notReadyAddresses: [address], ports });
  }
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata?.name,
      namespace: svc.metadata?.namespace,
      ...(svc.metadata?.labels ? { labels: { ...svc.metadata.labels } } : {}),
    },
    ...(subsets.length > 0 ? { subsets } : {}),
  };
}

function podEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = resolveTargetPort(pod.spec, sp.targetPort ?? sp.port);
    if (port === undefined) continue;
    out.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}
