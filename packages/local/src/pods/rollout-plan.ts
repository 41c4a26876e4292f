// Which pods a Deployment creates and removes next: a Kubernetes rolling update (or recreate), one step at a time.
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isFinished, isPodAvailable, isPodReady, isTerminating } from './pod-readiness.js';
import { POD_TEMPLATE_HASH_LABEL } from './template-hash.js';

export interface RolloutPlan {
  /** How many pods of the current template to create. */
  readonly create: number;
  /** Pods to delete, most expendable first. */
  readonly remove: readonly Pod[];
}

/** The pods of a Deployment sorted by what they run and how they do. */
export interface PodGroups {
  readonly hash: string;
  /** Not terminating, not finished, of the current template. */
  readonly current: readonly Pod[];
  /** Not terminating, not finished, of an older template. */
  readonly old: readonly Pod[];
  /** Succeeded or Failed: to be replaced. */
  readonly finished: readonly Pod[];
  readonly terminating: readonly Pod[];
}

export function groupPods(pods: readonly Pod[], hash: string): PodGroups {
  const current: Pod[] = [];
  const old: Pod[] = [];
  const finished: Pod[] = [];
  const terminating: Pod[] = [];
  for (const pod of pods) {
    if (isTerminating(pod)) terminating.push(pod);
    else if (isFinished(pod)) finished.push(pod);
    else if (pod.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] === hash) current.push(pod);
    else old.push(pod);
  }
  return { hash, current, old, finished, terminating };
}

/** maxSurge and maxUnavailable in pods (Kubernetes' ResolveFenceposts): surge rounds up, unavailable down, never both 0. */
export function rolloutLimits(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const desired = d.spec?.replicas ?? 1;
  if (d.spec?.strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: desired };
  const ru = d.spec?.strategy?.rollingUpdate;
  const maxSurge = scaled(ru?.maxSurge ?? '25%', desired, Math.ceil);
  const maxUnavailable = scaled(ru?.maxUnavailable ?? '25%', desired, Math.floor);
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

/**
 * The next step toward `spec.replicas` pods of the current template. A
 * rolling update creates new pods up to replicas + maxSurge and removes old
 * ones only while at least replicas - maxUnavailable pods stay available (the
 * defaults, 25% each, never remove the last available pod before its
 * replacement is ready); old pods that are not ready go first. Recreate
 * removes every old pod and creates new ones once they are all gone.
 */
export function planRollout(d: Deployment, groups: PodGroups, now: number): RolloutPlan {
  const desired = Math.max(0, d.spec?.replicas ?? 1);
  const minReady = d.spec?.minReadySeconds ?? 0;
  const { current, old, finished } = groups;
  const remove: Pod[] = [...finished];

  if (d.spec?.strategy?.type === 'Recreate' && (old.length > 0 || groups.terminating.some((p) => p.metadata?.labels?.[POD_TEMPLATE_HASH_LABEL] !== groups.hash))) {
    return { create: 0, remove: [...remove, ...old] };
  }
  if (old.length === 0) {
    if (current.length > desired) remove.push(...rank(current).slice(0, current.length - desired));
    return { create: Math.max(0, desired - current.length), remove };
  }

  const { maxSurge, maxUnavailable } = rolloutLimits(d);
  const total = current.length + old.length;
  if (current.length > desired) remove.push(...rank(current).slice(0, current.length - desired));
  const create = Math.max(0, Math.min(desired - current.length, desired + maxSurge - total));

  // Old pods go only while enough pods stay available; unready ones first, as they serve nothing.
  const minAvailable = desired - maxUnavailable;
  const currentUnavailable = current.filter((p) => !isPodAvailable(p, minReady, now)).length;
  let budget = total - minAvailable - currentUnavailable;
  const unhealthy = rank(old.filter((p) => !isPodReady(p)));
  const goneUnhealthy = unhealthy.slice(0, Math.max(0, budget));
  remove.push(...goneUnhealthy);
  budget -= goneUnhealthy.length;
  const available = [...current, ...old].filter((p) => isPodAvailable(p, minReady, now)).length;
  const scaleDown = Math.min(budget, available - minAvailable);
  if (scaleDown > 0) remove.push(...rank(old.filter((p) => isPodReady(p))).slice(0, scaleDown));
  return { create, remove };
}

/** Most expendable first: not ready, then most restarts, then newest. */
export function rank(pods: readonly Pod[]): Pod[] {
  const restarts = (p: Pod) => (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return [...pods].sort(
    (a, b) =>
      Number(isPodReady(a)) - Number(isPodReady(b)) ||
      restarts(b) - restarts(a) ||
      (b.metadata?.creationTimestamp ?? '').localeCompare(a.metadata?.creationTimestamp ?? '') ||
      (b.metadata?.name ?? '').localeCompare(a.metadata?.name ?? ''),
  );
}

function scaled(value: number | string, total: number, round: (n: number) => number): number {
  if (typeof value === 'number') return Math.max(0, value);
  const m = /^(\d+)%$/.exec(value);
  if (m) return round((Number(m[1]) * total) / 100);
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}
