// @knot/local: the local platform behind `knot dev`. The process runtime makes Deployments real on one
// machine: Pod objects run as child processes (the queue-proxy in process), Endpoints follow them.
export { startProcessRuntime, type ProcessRuntimeDeps, type RunningProcessRuntime } from './pods/process-runtime.js';
export { Kubelet, LOCAL_NODE_NAME, LOCAL_POD_FINALIZER, type KubeletOptions } from './pods/kubelet.js';
export { DeploymentReconciler, type DeploymentReconcilerOptions } from './pods/deployment-reconciler.js';
export { EndpointsReconciler, type EndpointsReconcilerOptions } from './endpoints/endpoints-reconciler.js';
export { makeEndpoints } from './endpoints/make-endpoints.js';
export { ContainerLogs, type LogLine, type ReadLogsOptions } from './pods/container-logs.js';
export { ContainerEnvError } from './pods/container-env.js';
export type { Sidecar, SidecarContext, SidecarFactory, SidecarFactories } from './pods/sidecar.js';
export { defaultSpawn, type SpawnProcess } from './pods/process-handle.js';
export { freePort, LOCAL_POD_IP, PortPool } from './pods/port-allocator.js';
export { POD_TEMPLATE_HASH_LABEL, templateHash } from './pods/template-hash.js';
export { RESTART_BACKOFF_INITIAL_MS, RESTART_BACKOFF_MAX_MS } from './pods/restart-backoff.js';
export { QUEUE_PROXY_CONTAINER_NAME, queueProxySidecar, type QueueProxySidecarOptions } from './pods/queue-proxy-sidecar.js';
// The local API: the store over HTTPS in the Kubernetes REST shape, with admission and a kubeconfig.
export * from './api-server/index.js';
// The embedded store kept on disk: a snapshot and a journal under the data directory, with a lock.
export { openPersistentStore, JOURNAL_FILE, LOCK_FILE, SNAPSHOT_FILE, STORE_DIR, type PersistentStore, type PersistentStoreOptions } from './store/persistent-store.js';
export { PersistentStoreError, type PersistentStoreErrorCode } from './store/persistent-store-error.js';
