export * from './domain-mapping.js';
