export { createLabelerController, LABELER_CONTROLLER_NAME, LABELER_FINALIZER, routesTracking } from './controller.js';
export { LabelerReconciler, type LabelerDeps, type RoutedNames } from './labeler-reconciler.js';
export { makeMetadataPatch, type MetadataPatch } from './metadata-patch.js';
export { setRoutingState } from './routing-state.js';
