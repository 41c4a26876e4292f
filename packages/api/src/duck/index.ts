export * from './addressable.js';
export * from './binding.js';
export * from './channelable.js';
export * from './condition.js';
export * from './delivery.js';
export * from './event-policies.js';
export * from './source.js';
