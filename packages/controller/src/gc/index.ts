export * from './controller.js';
export * from './gc-plan.js';
export * from './gc-reconciler.js';
