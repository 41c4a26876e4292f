export { createRevisionController, REVISION_CONTROLLER_NAME, type RevisionControllerOptions } from './controller.js';
export { RevisionReconciler, type RevisionReconcilerOptions } from './revision-reconciler.js';
export { RevisionResourceError, type RevisionResourceErrorCode } from './revision-error.js';
export type { ImageResolver, ImageResolveOptions } from './image-resolver.js';
export { DEFAULT_QUEUE_OBSERVABILITY, type QueueObservability } from './resources/index.js';
