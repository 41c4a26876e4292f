export * from './controller.js';
export * from './errors.js';
export * from './event-recorder.js';
export * from './kind-reconciler.js';
export * from './reconciler-base.js';
