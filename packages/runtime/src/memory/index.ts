export * from './memory-store.js';
export type { StoreDump, DumpedResource } from './store-dump.js';
