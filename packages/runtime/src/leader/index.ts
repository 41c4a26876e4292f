export * from './leader-elector.js';
export { formatMicroTime, leaderRecordOf, type Lease, type LeaderRecord } from './lease-record.js';
