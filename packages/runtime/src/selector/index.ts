export * from './label-selector.js';
export * from './label-selector-object.js';
export * from './field-selector.js';
