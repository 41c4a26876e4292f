export * from './configuration.js';
export * from './revision.js';
export * from './route.js';
export * from './service.js';
export * from './route-lifecycle.js';
export * from './configuration-lifecycle.js';
export * from './service-lifecycle.js';
