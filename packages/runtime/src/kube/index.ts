// The Kubernetes implementation of Client. Kept behind "@knot/runtime/kube" so
// data-plane packages never load @kubernetes/client-node.
export { KubeClient, type KubeClientOptions, type KubeconfigSource } from './kube-client.js';
export { resourcePath } from './paths.js';
export { errorFromResponse, errorFromStatus } from './status-mapping.js';
