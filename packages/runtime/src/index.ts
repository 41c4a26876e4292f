export * from './client.js';
export * from './errors.js';
export * from './http/index.js';
export * from './logging.js';
export * from './tracing.js';
export * from './shutdown.js';
