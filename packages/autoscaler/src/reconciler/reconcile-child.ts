// Create-or-update of an object a PodAutoscaler owns (Knative's ReconcileSKS / ReconcileMetric / the HPA's).
import type { KubeObject, PodAutoscaler, ResourceType } from '@knot/api';
import { jsonEqual, type Client, type Lister } from '@knot/runtime';
import { isControlledBy } from './owner-refs.js';
import type { PodAutoscalerStatusManager } from './pa-status.js';

/** A child of our name exists but another owner controls it. */
export class NotOwnedError extends Error {
  override readonly name = 'NotOwnedError';
  readonly code = 'NotOwned';
}

type WithSpec = KubeObject & { spec?: unknown };

export interface ChildOptions<T extends WithSpec> {
  readonly client: Client;
  readonly resource: ResourceType<T>;
  readonly lister: Lister<T>;
  readonly pa: PodAutoscaler;
  readonly status: PodAutoscalerStatusManager;
  readonly desired: T;
}

/**
 * Creates the child when missing, refuses one we do not control (marking the
 * PA inactive with NotOwned), and writes the desired spec over a differing
 * one, keeping the rest of what is stored. Returns the child as stored.
 */
export async function reconcileChild<T extends WithSpec>(o: ChildOptions<T>): Promise<T> {
  const { namespace, name = '' } = o.desired.metadata ?? {};
  const have = o.lister.get(namespace, name);
  if (!have) {
    try {
      return await o.client.create(o.resource, o.desired);
    } catch (err) {
      o.status.markResourceFailedCreation(o.resource.kind, name);
      throw new Error(`error creating ${o.resource.kind} ${name}: ${messageOf(err)}`, { cause: err });
    }
  }
  if (!isControlledBy(have, o.pa)) {
    o.status.markResourceNotOwned(o.resource.kind, name);
    throw new NotOwnedError(`PA: ${o.pa.metadata?.name ?? ''} does not own ${o.resource.kind}: ${name}`);
  }
  if (jsonEqual(have.spec, o.desired.spec)) return have;
  return o.client.update(o.resource, { ...structuredClone(have), spec: structuredClone(o.desired.spec) });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
