export * from './queue-proxy.js';
export * from './activator.js';
export * from './autoscaler.js';
export * from './autoscaler-policies.js';
export * from './gateway.js';
export * from './scale-schedule.js';
export * from './reserve-resources.js';
