export * from './compare-actions.js';
export * from './fake-clock.js';
export * from './fake-recorder.js';
export * from './recording-client.js';
export * from './table-test.js';
export * from './rbac.js';
