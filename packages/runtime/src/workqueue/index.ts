export * from './metrics.js';
export * from './rate-limiter.js';
export * from './run-workers.js';
export * from './work-queue.js';
