export * from './field-error.js';
export * from './object.js';
export * from './resource-type.js';
export * from './resources.js';
