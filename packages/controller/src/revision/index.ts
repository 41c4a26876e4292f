export { createRevisionController, REVISION_CONTROLLER_NAME, type RevisionControllerOptions } from './controller.js';
export { RevisionReconciler, type RevisionReconcilerOptions } from './revision-reconciler.js';
export { RevisionResourceError, type RevisionResourceErrorCode } from './revision-error.js';
export type { ImageResolver, ImageResolveOptions } from './image-resolver.js';
export { DEFAULT_QUEUE_OBSERVABILITY, type QueueObservability } from './resources/index.js';
export { DigestResolver, type DigestResolverOptions } from './digest-resolver.js';
export { RegistryClient, type ManifestRequest, type RegistryClientOptions } from './registry-client.js';
export { RegistryError, type RegistryErrorCode } from './registry-error.js';
export { keychainFromSecrets, loadPullKeychain, PullKeychain, type BasicCredentials, type PullIdentity } from './pull-credentials.js';
