// HTTP headers shared by the gateway, activator, queue-proxy and autoscaler.
// Node lower-cases incoming header names; compare with the `*_LOWER` forms or case-insensitively.

/** Set by the activator on proxied requests: the target revision's name. */
export const REVISION_HEADER_NAME = 'Knative-Serving-Revision';
/** Set by the activator on proxied requests: the target revision's namespace. */
export const REVISION_HEADER_NAMESPACE = 'Knative-Serving-Namespace';
/** Selects a tagged route target when tag-header routing is on. */
export const ROUTE_TAG_HEADER = 'Knative-Serving-Tag';
/** `true` when a request came through a route's default (untagged) host. */
export const DEFAULT_ROUTE_HEADER = 'Knative-Serving-Default-Route';

/** A probe of the networking layer; never reaches the user container nor counts in metrics. */
export const PROBE_HEADER = 'K-Network-Probe';
/** The K-Network-Probe value queue-proxy answers itself (and echoes in the body). */
export const PROBE_HEADER_VALUE_QUEUE = 'queue';
/** The generic K-Network-Probe value used by ingress probes. */
export const PROBE_HEADER_VALUE = 'probe';
/** Ingress probes compare this with the hash of the programmed configuration. */
export const HASH_HEADER = 'K-Network-Hash';
/** Set by the activator on requests it proxies, so queue-proxy counts them as proxied. */
export const PROXY_HEADER = 'K-Proxy-Request';
export const PROXY_HEADER_VALUE_ACTIVATOR = 'activator';
/** The original Host, restored by queue-proxy. */
export const ORIGINAL_HOST_HEADER = 'K-Original-Host';
/** Marks kubelet probes (legacy; a `kube-probe/` User-Agent also does). */
export const KUBELET_PROBE_HEADER = 'K-Kubelet-Probe';
/** User-Agent prefix of kubelet probes. */
export const KUBE_PROBE_USER_AGENT_PREFIX = 'kube-probe/';
/** Tells a load balancer to send the request to its target without balancing. */
export const PASSTHROUGH_LB_HEADER = 'K-Passthrough-Lb';

/** User-Agent values of Knative's own probes. */
export const ACTIVATOR_USER_AGENT = 'Knative-Activator-Probe';
export const QUEUE_PROXY_USER_AGENT = 'Knative-Queue-Proxy-Probe';
export const INGRESS_READINESS_USER_AGENT = 'Knative-Ingress-Probe';
export const AUTOSCALING_USER_AGENT = 'Knative-Autoscaling-Probe';

// Lower-case forms for `req.headers[...]` lookups in node:http.
export const REVISION_HEADER_NAME_LOWER = 'knative-serving-revision';
export const REVISION_HEADER_NAMESPACE_LOWER = 'knative-serving-namespace';
export const ROUTE_TAG_HEADER_LOWER = 'knative-serving-tag';
export const PROBE_HEADER_LOWER = 'k-network-probe';
export const HASH_HEADER_LOWER = 'k-network-hash';
export const PROXY_HEADER_LOWER = 'k-proxy-request';
export const ORIGINAL_HOST_HEADER_LOWER = 'k-original-host';
export const KUBELET_PROBE_HEADER_LOWER = 'k-kubelet-probe';
