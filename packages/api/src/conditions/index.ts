export * from './condition-manager.js';
export * from './condition-set.js';
export * from './format-message.js';
export * from './reconcile-status.js';
