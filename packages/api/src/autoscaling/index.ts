export * from './metric.js';
export * from './pod-autoscaler.js';
export * from './stat.js';
