export * from './list-annotation.js';
export * from './owner-refs.js';
export * from './semantic-equal.js';
