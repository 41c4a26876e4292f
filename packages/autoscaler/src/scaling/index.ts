export * from './types.js';
export * from './kpa.js';
export * from './max-window.js';
export * from './multi-scaler.js';
export * from './scaling-metrics.js';
export * from './kpa-scaling.js';
