export * from './memory-store.js';
export type { StoreDump, DumpedResource } from './store-dump.js';
export { applyCommits, parseCommitEvent, type CommitEvent } from './commit-event.js';
