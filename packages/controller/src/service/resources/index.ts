export * from './make-configuration.js';
export * from './make-route.js';
