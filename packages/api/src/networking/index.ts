export * from './certificate.js';
export * from './ingress.js';
export * from './protocol-type.js';
export * from './serverless-service.js';
export * from './serverless-service-lifecycle.js';
export * from './endpoints.js';
