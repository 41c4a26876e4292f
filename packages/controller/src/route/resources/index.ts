export * from './http-option.js';
export * from './make-ingress.js';
export * from './make-service.js';
export * from './route-meta.js';
