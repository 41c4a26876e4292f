// The K8s Services that give a Route (and each tag) an in-cluster name (Knative's route/resources/service.go).
import { ROUTE_LABEL_KEY, SERVICE_HTTP_PORT, SERVICE_PORT_NAME_H2C, SERVICE_PORT_NAME_HTTP1, VISIBILITY_CLUSTER_LOCAL, VISIBILITY_LABEL_KEY, type Ingress, type ObjectMeta, type Route } from '@knot/api';
import type { Endpoints, Service as K8sService, ServicePort } from 'kubernetes-types/core/v1.js';
import { domainNameFor, hostnameFor } from '../domains/domains.js';
import type { RouteConfig } from '../route-config.js';
import { routeMeta, routeOwnerReference } from './route-meta.js';

/** The appProtocol of h2c ports (Knative networking's AppProtocolH2C). */
const APP_PROTOCOL_H2C = 'kubernetes.io/h2c';

const H2C_PORT: ServicePort = { name: SERVICE_PORT_NAME_H2C, appProtocol: APP_PROTOCOL_H2C, port: SERVICE_HTTP_PORT, targetPort: SERVICE_HTTP_PORT };

/**
 * The Service that reserves the group's name before the Ingress has a load
 * balancer: an ExternalName to the group's own domain.
 */
export function makePlaceholderService(config: RouteConfig, route: Route, tag: string): K8sService {
  const hostname = hostnameFor(config, route.metadata?.name ?? '', tag);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: serviceMeta(route, hostname),
    spec: {
      type: 'ExternalName',
      externalName: domainNameFor(config, routeMeta(route), hostname),
      sessionAffinity: 'None',
      ports: [{ ...H2C_PORT }],
    },
  };
}

/** A Service and, when the load balancer is an IP, the Endpoints that go with it. */
export interface ServicePair {
  readonly service: K8sService;
  readonly endpoints?: Endpoints;
}

/**
 * The Service that sends the group's in-cluster name to the Ingress's load
 * balancer, preferring IP, then domainInternal, then domain; undefined while the
 * Ingress reports no (or more than one) load balancer. The private load balancer
 * wins whenever there is one: these names are only used inside the cluster.
 */
export function makeK8sService(config: RouteConfig, route: Route, tag: string, ingress: Ingress, isPrivate: boolean): ServicePair | undefined {
  const priv = ingress.status?.privateLoadBalancer;
  const lb = isPrivate || (priv?.ingress?.length ?? 0) > 0 ? priv : ingress.status?.publicLoadBalancer;
  const balancers = lb?.ingress ?? [];
  const balancer = balancers[0];
  if (!balancer || balancers.length > 1) return undefined;
  const meta = serviceMeta(route, hostnameFor(config, route.metadata?.name ?? '', tag));
  const service = (spec: K8sService['spec']): K8sService => ({ apiVersion: 'v1', kind: 'Service', metadata: meta, spec });
  if (balancer.ip) {
    // A headless Service with our own Endpoints: ExternalName cannot point at an IP.
    return {
      service: service({ type: 'ClusterIP', clusterIP: 'None', ports: [{ ...H2C_PORT }] }),
      endpoints: {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { ...meta },
        subsets: [{ addresses: [{ ip: balancer.ip }], ports: [{ name: SERVICE_PORT_NAME_H2C, appProtocol: APP_PROTOCOL_H2C, port: SERVICE_HTTP_PORT }] }],
      },
    };
  }
  if (balancer.domainInternal) return { service: service({ type: 'ExternalName', externalName: balancer.domainInternal, sessionAffinity: 'None', ports: [{ ...H2C_PORT }] }) };
  if (balancer.domain) return { service: service({ type: 'ExternalName', externalName: balancer.domain, ports: [{ ...H2C_PORT }] }) };
  // Reached through a mesh: a ClusterIP Service just keeps the name resolvable.
  if (balancer.meshOnly) return { service: service({ type: 'ClusterIP', ports: [{ name: SERVICE_PORT_NAME_HTTP1, port: SERVICE_HTTP_PORT }] }) };
  return undefined;
}

/** True when the Service is labelled cluster-local. */
export function isClusterLocalService(svc: K8sService): boolean {
  return svc.metadata?.labels?.[VISIBILITY_LABEL_KEY] === VISIBILITY_CLUSTER_LOCAL;
}

function serviceMeta(route: Route, name: string): ObjectMeta {
  // The visibility label stays off: users set it on a tag's Service to hide only that tag.
  const { [VISIBILITY_LABEL_KEY]: _visibility, ...labels } = route.metadata?.labels ?? {};
  return {
    name,
    namespace: route.metadata?.namespace ?? '',
    ownerReferences: [routeOwnerReference(route)],
    labels: { ...labels, [ROUTE_LABEL_KEY]: route.metadata?.name ?? '' },
    ...(route.metadata?.annotations ? { annotations: { ...route.metadata.annotations } } : {}),
  };
}
