export * from './leader-elector.js';
export { formatMicroTime, leaderRecordOf, type Lease, type LeaderRecord } from './lease-record.js';
export * from './run-leader-elected.js';
