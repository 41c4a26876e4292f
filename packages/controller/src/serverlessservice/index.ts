export * from './controller.js';
export * from './serverless-service-error.js';
export * from './serverless-service-reconciler.js';
export * from './resources/choose-subset.js';
export * from './resources/make-endpoints.js';
export * from './resources/make-services.js';
