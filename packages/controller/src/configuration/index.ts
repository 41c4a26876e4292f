export { createConfigurationController, CONFIGURATION_CONTROLLER_NAME } from './controller.js';
export { ConfigurationReconciler, checkNameAvailability, isRevisionReady, type ConfigurationReconcilerDeps } from './configuration-reconciler.js';
export { makeRevision, revisionNameFor, revisionLabelValue } from './resources/make-revision.js';
