export * from './stat-server.js';
export * from './stats-sink.js';
