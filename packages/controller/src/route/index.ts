export * from './controller.js';
export * from './route-reconciler.js';
export * from './route-config.js';
export * from './route-error.js';
export * from './domains/index.js';
export * from './resources/index.js';
export * from './traffic/index.js';
