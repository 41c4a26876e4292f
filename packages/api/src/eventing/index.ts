export * from './broker.js';
export * from './event-type.js';
export * from './trigger.js';
