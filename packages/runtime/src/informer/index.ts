export * from './event-handler.js';
export * from './informer.js';
export * from './key.js';
export * from './lister.js';
export * from './shared-informer-factory.js';
