export * from './api-server-source.js';
export * from './container-source.js';
export * from './ping-source.js';
export * from './sink-binding.js';
