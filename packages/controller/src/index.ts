export * from './start.js';
export * from './controller-env.js';
export * from './config-store.js';
export * from './configuration/index.js';
export * from './service/index.js';
export * from './labeler/index.js';
export * from './kmeta/index.js';
