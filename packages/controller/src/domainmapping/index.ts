export * from './controller.js';
export * from './domain-claim.js';
export * from './domain-mapping-reconciler.js';
export * from './resolve-ref.js';
export * from './resources/make-ingress.js';
