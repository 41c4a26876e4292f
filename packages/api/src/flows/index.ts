export * from './child-status.js';
export * from './parallel.js';
export * from './sequence.js';
