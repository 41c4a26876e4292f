export * from './merge-patch.js';
export * from './json-patch.js';
