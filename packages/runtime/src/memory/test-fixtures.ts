// Test support for the Client tests (memory store, kube client): an example kind, and the ApiError an operation fails with.
import { defineResource, type KubeObject, type OwnerReference } from '@knot/api';
import { type ApiError, isApiError } from '../errors.js';

export interface Widget extends KubeObject {
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** A namespaced kind with a status subresource, in a group no real kind uses. */
export const widgets = defineResource<Widget>({ group: 'example.dev', version: 'v1', kind: 'Widget', plural: 'widgets', namespaced: true, hasStatus: true });

/** The ApiError `p` rejects with; throws when it resolves or rejects with anything else. */
export async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected the operation to fail');
}

/** An owner reference to `owner`. */
export const ownedBy = (owner: Widget, blockOwnerDeletion = false): OwnerReference => ({
  apiVersion: 'example.dev/v1',
  kind: 'Widget',
  name: owner.metadata?.name ?? '',
  uid: owner.metadata?.uid ?? '',
  ...(blockOwnerDeletion ? { blockOwnerDeletion: true } : {}),
});

/** A widget in `default` (or `namespace`) with an empty spec. */
export function widget(name: string, opts: { owners?: OwnerReference[]; finalizers?: string[]; namespace?: string } = {}): Widget {
  return { metadata: { name, namespace: opts.namespace ?? 'default', ownerReferences: opts.owners, finalizers: opts.finalizers }, spec: {} };
}

