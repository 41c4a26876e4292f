export * from './domain-mapping.js';
export * from './domain-mapping-lifecycle.js';
