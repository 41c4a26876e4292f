// Writes the decided scale on the PodAutoscaler's Deployment, switching to and from the reserved instance.
import { apps, type PodAutoscaler } from '@knot/api';
import { jsonEqual, type Client, type Lister } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { fromReserve, isReserved, toReserve } from '../policies/reserved-instance.js';

/** The scale target cannot be found or is not a Deployment. */
export class ScaleTargetError extends Error {
  override readonly name = 'ScaleTargetError';
  readonly code = 'ScaleTarget';
}

export interface WriteScaleOptions {
  readonly client: Client;
  readonly deployments: Lister<Deployment>;
  readonly pa: PodAutoscaler;
  readonly want: number;
  /** The reserved instance's resources when that policy is on. */
  readonly reserve?: Readonly<Record<string, string>>;
}

/**
 * Replicas alone go in a merge patch, as Knative patches the scale; a switch
 * to or from the reserved instance changes the pod template and goes in an
 * update, so a concurrent writer makes it conflict and retry.
 */
export async function writeScale(o: WriteScaleOptions): Promise<void> {
  const ref = o.pa.spec.scaleTargetRef;
  const namespace = o.pa.metadata?.namespace;
  if (ref.kind !== 'Deployment' || (ref.apiVersion ?? 'apps/v1') !== 'apps/v1') {
    throw new ScaleTargetError(`unsupported scale target ${ref.apiVersion ?? ''} ${ref.kind ?? ''}: only apps/v1 Deployments scale`);
  }
  const have = o.deployments.get(namespace, ref.name ?? '');
  if (!have) throw new ScaleTargetError(`failed to get scale target: Deployment ${JSON.stringify(ref.name ?? '')} not found`);
  let want: Deployment | undefined;
  if (o.reserve && o.want === 0) want = toReserve(have, o.reserve);
  else if (isReserved(have)) want = fromReserve(have, o.want);
  if (want) {
    if (!jsonEqual(want, have)) await o.client.update(apps.deployments, want);
    return;
  }
  if ((have.spec?.replicas ?? 1) === o.want) return;
  await o.client.patch(apps.deployments, namespace, ref.name ?? '', { type: 'merge', patch: { spec: { replicas: o.want } } });
}
