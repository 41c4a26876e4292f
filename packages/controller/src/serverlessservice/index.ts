export { createServerlessServiceController, SERVERLESS_SERVICE_CONTROLLER_NAME, type ServerlessServiceControllerOptions } from './controller.js';
export { ServerlessServiceError, type ServerlessServiceErrorCode } from './serverless-service-error.js';
export { ServerlessServiceReconciler, type ServerlessServiceReconcilerOptions } from './serverless-service-reconciler.js';
export { chooseSubset } from './resources/choose-subset.js';
export { privateServiceName } from './resources/make-services.js';
