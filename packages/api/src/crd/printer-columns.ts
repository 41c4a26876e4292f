import type { CustomResourceColumnDefinition } from 'kubernetes-types/apiextensions/v1.js';

// The columns `kubectl get` shows, written once so every kind spells them alike.

const readyCondition = '.status.conditions[?(@.type=="Ready")]';

export const readyColumn: CustomResourceColumnDefinition = { name: 'Ready', type: 'string', jsonPath: `${readyCondition}.status` };
export const reasonColumn: CustomResourceColumnDefinition = { name: 'Reason', type: 'string', jsonPath: `${readyCondition}.reason` };
export const ageColumn: CustomResourceColumnDefinition = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
export const urlColumn: CustomResourceColumnDefinition = { name: 'URL', type: 'string', jsonPath: '.status.url' };
export const addressUrlColumn: CustomResourceColumnDefinition = { name: 'URL', type: 'string', jsonPath: '.status.address.url' };
export const sinkColumn: CustomResourceColumnDefinition = { name: 'Sink', type: 'string', jsonPath: '.status.sinkUri' };

export function stringColumn(name: string, jsonPath: string): CustomResourceColumnDefinition {
  return { name, type: 'string', jsonPath };
}

export function integerColumn(name: string, jsonPath: string): CustomResourceColumnDefinition {
  return { name, type: 'integer', jsonPath };
}

/** A column showing a label or annotation; dots in the key are escaped for JSONPath. */
export function metadataColumn(name: string, field: 'labels' | 'annotations', key: string): CustomResourceColumnDefinition {
  return stringColumn(name, `.metadata.${field}['${key.replaceAll('.', '\\.')}']`);
}
