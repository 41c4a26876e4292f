export * from './channel.js';
export * from './channel-template.js';
export * from './in-memory-channel.js';
export * from './subscription.js';
