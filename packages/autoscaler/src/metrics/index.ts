export * from './timed-buckets.js';
export * from './sample-size.js';
export * from './stat-client.js';
export * from './revision-scraper.js';
export * from './metric-collector.js';
export * from './metric-sync.js';
