export * from './domains.js';
export * from './visibility.js';
