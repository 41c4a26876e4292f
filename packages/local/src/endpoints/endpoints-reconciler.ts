// The Endpoints controller of local mode: one Endpoints per Service with a selector, following the pods.
import { core } from '@knot/api';
import { isApiError, jsonEqual, type Client, type KindReconciler, type Lister } from '@knot/runtime';
import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1.js';
import { makeEndpoints } from './make-endpoints.js';

export interface EndpointsReconcilerOptions {
  readonly client: Client;
  readonly pods: Lister<Pod>;
  readonly endpoints: Lister<Endpoints>;
}

/** Writes the Endpoints of a Service that selects pods; Services without a selector are someone else's (the SKS writes those). */
export class EndpointsReconciler implements KindReconciler<Service> {
  readonly #o: EndpointsReconcilerOptions;

  constructor(opts: EndpointsReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(svc: Service): Promise<void> {
    const selector = svc.spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return;
    const namespace = svc.metadata?.namespace;
    const pods = this.#o.pods.list(namespace).filter((p) => selects(selector, p));
    const want = makeEndpoints(svc, pods);
    const have = this.#o.endpoints.get(namespace, svc.metadata?.name ?? '');
    if (!have) {
      try {
        await this.#o.client.create(core.endpoints, want);
      } catch (err) {
        // Written by an earlier run but not in the cache yet: the next event brings it.
        if (!isApiError(err, 'AlreadyExists')) throw err;
      }
      return;
    }
    if (jsonEqual(have.subsets ?? [], want.subsets ?? []) && jsonEqual(have.metadata?.labels ?? {}, want.metadata?.labels ?? {})) return;
    const next: Endpoints = { ...structuredClone(have), metadata: { ...structuredClone(have.metadata), labels: want.metadata?.labels } };
    if (want.subsets) next.subsets = want.subsets;
    else delete next.subsets;
    await this.#o.client.update(core.endpoints, next);
  }
}

/** Whether a Service's selector picks the pod. */
export function selects(selector: Readonly<Record<string, string>>, pod: Pod): boolean {
  const labels = pod.metadata?.labels ?? {};
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
