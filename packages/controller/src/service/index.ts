export { createServiceController, SERVICE_CONTROLLER_NAME } from './controller.js';
export { NotOwnedError, ServiceReconciler, type ServiceReconcilerDeps } from './service-reconciler.js';
export * from './resources/index.js';
