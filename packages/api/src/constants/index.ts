export * from './annotations.js';
export * from './config-maps.js';
export * from './headers.js';
export * from './labels.js';
export * from './ports.js';
