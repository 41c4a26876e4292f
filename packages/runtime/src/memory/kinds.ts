import { type ResourceType, resourceKey } from '@knot/api';

/** Namespaces get special treatment: DNS-label names, a phase, and deletion that waits until they are empty. */
export const isNamespaceKind = (rt: Pick<ResourceType, 'group' | 'plural'>): boolean => resourceKey(rt) === 'namespaces';
