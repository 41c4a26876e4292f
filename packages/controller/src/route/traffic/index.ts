export * from './build-traffic.js';
export * from './rollout.js';
export * from './rollout-annotation.js';
export * from './target-error.js';
export * from './traffic-status.js';
