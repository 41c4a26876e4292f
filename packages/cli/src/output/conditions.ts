// Reading Knative-style status conditions off any object.
import type { Condition, KubeObject } from '@knot/api';

export function conditionsOf(obj: KubeObject): Condition[] {
  const status = (obj as { status?: { conditions?: unknown } }).status;
  return Array.isArray(status?.conditions) ? (status.conditions as Condition[]).filter((c) => typeof c?.type === 'string') : [];
}

export function conditionOf(obj: KubeObject, type: string): Condition | undefined {
  return conditionsOf(obj).find((c) => c.type === type);
}

/** The readiness condition: Ready, or Succeeded for batch kinds. */
export function readyConditionOf(obj: KubeObject): Condition | undefined {
  return conditionOf(obj, 'Ready') ?? conditionOf(obj, 'Succeeded');
}

/** kn's CONDITIONS column: how many are True, of how many; `1 OK / 4` (Warnings and Infos count as OK). */
export function conditionSummary(obj: KubeObject): string {
  const all = conditionsOf(obj);
  if (all.length === 0) return '';
  const ok = all.filter((c) => c.status === 'True' || (c.severity !== undefined && c.severity !== '')).length;
  return `${ok} OK / ${all.length}`;
}

/** Status's observedGeneration has caught up with metadata.generation. */
export function observedCurrent(obj: KubeObject): boolean {
  const generation = obj.metadata?.generation;
  const observed = (obj as { status?: { observedGeneration?: number } }).status?.observedGeneration;
  return generation === undefined || observed === generation;
}
