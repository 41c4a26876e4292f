// Test support for the Client tests (memory store, kube client): an example kind, and the ApiError an operation fails with.
import { defineResource, type KubeObject } from '@knot/api';
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
