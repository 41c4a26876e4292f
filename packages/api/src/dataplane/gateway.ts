// What @knot/gateway shares with other components. Owned by that component; exported from the package root.
import { DEFAULT_CLUSTER_DOMAIN } from '../config/config-domain.js';
import { GATEWAY_INTERNAL_SERVICE_NAME, GATEWAY_SERVICE_NAME, SERVING_NAMESPACE } from '../constants/ports.js';
import type { LoadBalancerIngressStatus } from '../networking/ingress.js';

export * from './gateway/ingress-lifecycle.js';

/** `name.namespace.svc.<cluster domain>`: a K8s Service's in-cluster DNS name (Knative's network.GetServiceHostname). */
export function serviceHostname(name: string, namespace: string, clusterDomain = DEFAULT_CLUSTER_DOMAIN): string {
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

/** Where knot's gateway is reached, as written on every Ingress it serves. */
export interface GatewayLoadBalancers {
  /** The external listener's Service, `knot-gateway`. */
  readonly public: readonly LoadBalancerIngressStatus[];
  /** The cluster-local listener's Service, `knot-gateway-internal`. */
  readonly private: readonly LoadBalancerIngressStatus[];
}

/** The gateway's load balancers for a system namespace and cluster domain. */
export function gatewayLoadBalancers(systemNamespace = SERVING_NAMESPACE, clusterDomain = DEFAULT_CLUSTER_DOMAIN): GatewayLoadBalancers {
  return Object.freeze({
    public: Object.freeze([Object.freeze({ domainInternal: serviceHostname(GATEWAY_SERVICE_NAME, systemNamespace, clusterDomain) })]),
    private: Object.freeze([Object.freeze({ domainInternal: serviceHostname(GATEWAY_INTERNAL_SERVICE_NAME, systemNamespace, clusterDomain) })]),
  });
}
