export * from './metric.js';
export * from './pod-autoscaler.js';
