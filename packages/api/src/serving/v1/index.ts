export * from './configuration.js';
export * from './revision.js';
export * from './route.js';
export * from './service.js';
export * from './route-lifecycle.js';
