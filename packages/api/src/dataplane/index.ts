export * from './queue-proxy.js';
export * from './activator.js';
export * from './autoscaler.js';
export * from './autoscaler-policies.js';
export * from './gateway.js';
