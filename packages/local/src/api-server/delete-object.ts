// DELETE of one object or of a collection, with DeleteOptions from the body
// (or the query): propagation policy, uid and resourceVersion preconditions, dry run.
import type { KubeObject } from '@knot/api';
import { ApiError, isNotFound, type Client, type PropagationPolicy } from '@knot/runtime';
import { isRecord, kindOf, show } from './object-body.js';
import type { Selection } from './field-selector.js';
import { dryRunParam, propagationPolicyParam, type WriteOptions } from './query-options.js';
import type { ServedResource } from './served-resources.js';
import { badRequest } from './status-error.js';

export interface DeleteRequest {
  readonly propagationPolicy: PropagationPolicy | undefined;
  readonly uid: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly dryRun: boolean;
}

const optionalString = (v: unknown, field: string): string | undefined => {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw badRequest(`DeleteOptions ${field}: expected a string, got ${kindOf(v)}`);
  return v;
};

/** DeleteOptions from a body (parsed JSON, or undefined when empty), over the query's. */
export function deleteRequest(body: unknown, query: WriteOptions): DeleteRequest {
  if (body === undefined) return { propagationPolicy: query.propagationPolicy, uid: undefined, resourceVersion: undefined, dryRun: query.dryRun };
  if (!isRecord(body)) throw badRequest(`the body of a DELETE must be a DeleteOptions object, got ${kindOf(body)}`);
  if (body.kind !== undefined && body.kind !== 'DeleteOptions') throw badRequest(`the kind in the data (${show(body.kind)}) does not match the expected kind (DeleteOptions)`);
  let policy = propagationPolicyParam(body.propagationPolicy, 'DeleteOptions propagationPolicy');
  const orphan = body.orphanDependents;
  if (orphan !== undefined && orphan !== null) {
    if (typeof orphan !== 'boolean') throw badRequest(`DeleteOptions orphanDependents: expected a boolean, got ${kindOf(orphan)}`);
    if (policy) throw badRequest('DeleteOptions: orphanDependents and propagationPolicy cannot both be set');
    policy = orphan ? 'Orphan' : 'Background';
  }
  const pre = body.preconditions;
  if (pre !== undefined && pre !== null && !isRecord(pre)) throw badRequest(`DeleteOptions preconditions: expected an object, got ${kindOf(pre)}`);
  const dryRun = body.dryRun;
  if (dryRun !== undefined && dryRun !== null && (!Array.isArray(dryRun) || dryRun.some((v) => typeof v !== 'string'))) throw badRequest('DeleteOptions dryRun: expected a list of strings');
  return {
    propagationPolicy: policy ?? query.propagationPolicy,
    uid: optionalString(pre?.uid, 'preconditions.uid'),
    resourceVersion: optionalString(pre?.resourceVersion, 'preconditions.resourceVersion'),
    dryRun: query.dryRun || dryRunParam((dryRun as string[] | undefined | null) ?? []),
  };
}

/** The object as deleted (or as it stays while finalizers run); undefined once gone without a trace. */
export async function deleteObject(client: Client, served: ServedResource, namespace: string | undefined, name: string, req: DeleteRequest): Promise<KubeObject | undefined> {
  const { rt } = served;
  if (req.uid !== undefined || req.dryRun) {
    const stored = await client.get(rt, namespace, name);
    if (req.uid !== undefined && req.uid !== stored.metadata?.uid) {
      throw new ApiError('Conflict', `Precondition failed: UID in precondition: ${req.uid}, UID in object meta: ${stored.metadata?.uid ?? ''}`);
    }
    if (req.dryRun) {
      if (req.resourceVersion !== undefined && req.resourceVersion !== stored.metadata?.resourceVersion) {
        throw new ApiError('Conflict', `Precondition failed: ResourceVersion in precondition: ${req.resourceVersion}, ResourceVersion in object meta: ${stored.metadata?.resourceVersion ?? ''}`);
      }
      return served.fromStorage(stored);
    }
  }
  const deleted = await client.delete(rt, namespace, name, { propagationPolicy: req.propagationPolicy, preconditionResourceVersion: req.resourceVersion });
  return deleted && served.fromStorage(deleted);
}

/** deletecollection: every object the selectors match, deleted one by one; returns those deleted. */
export async function deleteCollection(client: Client, served: ServedResource, namespace: string | undefined, sel: Selection, req: DeleteRequest): Promise<KubeObject[]> {
  const { items } = await client.list(served.rt, namespace, { labelSelector: sel.labelSelector, fieldSelector: sel.fieldSelector });
  const deleted: KubeObject[] = [];
  for (const item of items) {
    if (sel.matches && !sel.matches(item)) continue;
    const name = item.metadata?.name ?? '';
    try {
      const gone = await deleteObject(client, served, item.metadata?.namespace, name, { ...req, uid: undefined, resourceVersion: undefined });
      deleted.push(gone ?? served.fromStorage(item));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return deleted;
}
