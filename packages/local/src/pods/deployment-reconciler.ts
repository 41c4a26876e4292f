// The Deployment controller of local mode (kube-controller-manager's role): keeps spec.replicas pods of
// the current template, rolls them on a template change, and reports status.
import { apps, core } from '@knot/api';
import { isApiError, labelSelectorFromObject, type Client, type KindReconciler, type ReconcileContext, type ReconcileResult } from '@knot/runtime';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { deploymentStatus } from './deployment-status.js';
import { groupPods, planRollout } from './rollout-plan.js';
import { POD_TEMPLATE_HASH_LABEL, templateHash } from './template-hash.js';

export interface DeploymentReconcilerOptions {
  readonly client: Client;
  /** The node every pod is bound to: the local runtime's one machine. */
  readonly nodeName: string;
  /** Finalizers each new pod carries, so it stays visible as terminating until its processes are gone. */
  readonly podFinalizers: readonly string[];
}

/**
 * Pods are owned by the Deployment directly (there are no ReplicaSets) and
 * named `<deployment>-<template hash>-<5 random>`. They are read from the API
 * on every reconcile rather than from a cache: the store is in process, and a
 * fresh read needs none of a cache's bookkeeping of writes not yet seen.
 */
export class DeploymentReconciler implements KindReconciler<Deployment> {
  readonly #o: DeploymentReconcilerOptions;

  constructor(opts: DeploymentReconcilerOptions) {
    this.#o = opts;
  }

  async reconcileKind(d: Deployment, ctx: ReconcileContext): Promise<void | ReconcileResult> {
    const hash = templateHash(d.spec?.template ?? {});
    const groups = groupPods(await this.#pods(d), hash);
    const plan = planRollout(d, groups, ctx.clock.now());
    let failure: string | undefined;
    for (const pod of plan.remove) await this.#delete(pod, ctx);
    for (let i = 0; i < plan.create; i++) {
      try {
        const created = await this.#o.client.create(core.pods, this.#newPod(d, hash));
        ctx.logger.info({ pod: created.metadata?.name }, 'created pod');
      } catch (err) {
        if (!isApiError(err)) throw err;
        failure = err.message;
        ctx.recorder.event(d, 'Warning', 'FailedCreate', `Error creating: ${err.message}`);
        break;
      }
    }
    const after = plan.create > 0 || plan.remove.length > 0 ? groupPods(await this.#pods(d), hash) : groups;
    const { status, recheckAfterMs } = deploymentStatus(d, after, ctx.clock.now(), failure);
    d.status = status;
    if (failure) return { requeueAfter: 5000 };
    return recheckAfterMs !== undefined ? { requeueAfter: recheckAfterMs } : undefined;
  }

  async #pods(d: Deployment): Promise<Pod[]> {
    const selector = labelSelectorFromObject(d.spec?.selector ?? {});
    const { items } = await this.#o.client.list(core.pods, d.metadata?.namespace);
    const uid = d.metadata?.uid;
    return items.filter((p) => selector.matches(p.metadata?.labels ?? {}) && p.metadata?.ownerReferences?.some((r) => r.controller === true && r.uid === uid));
  }

  #newPod(d: Deployment, hash: string): Pod {
    const template = structuredClone(d.spec?.template ?? {});
    const name = d.metadata?.name ?? '';
    const { name: _ignored, ...meta } = template.metadata ?? {};
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...meta,
        generateName: `${name}-${hash}-`,
        namespace: d.metadata?.namespace,
        labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash },
        finalizers: [...this.#o.podFinalizers],
        ownerReferences: [{ apiVersion: apps.deployments.group + '/' + apps.deployments.version, kind: 'Deployment', name, uid: d.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...(template.spec ?? { containers: [] }), nodeName: this.#o.nodeName },
    };
  }

  async #delete(pod: Pod, ctx: ReconcileContext): Promise<void> {
    try {
      await this.#o.client.delete(core.pods, pod.metadata?.namespace, pod.metadata?.name ?? '');
      ctx.logger.info({ pod: pod.metadata?.name }, 'deleted pod');
    } catch (err) {
      if (!isApiError(err) || err.code !== 'NotFound') throw err;
    }
  }
}
