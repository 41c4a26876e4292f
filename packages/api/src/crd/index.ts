export * from './build-crd.js';
export type * from './crd-types.js';
export * from './pruning.js';
export * from './structural-schema.js';
