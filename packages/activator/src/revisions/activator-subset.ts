// Several activators in one revision's path split its pods between them, so
// that together they keep each pod within containerConcurrency: with at least
// as many pods as activators each activator takes every n-th pod; with fewer,
// every activator uses every pod with an even share of its slots.
import { targetAddress, type EndpointTarget } from '@knot/api';

export interface PodAssignment {
  readonly pods: readonly EndpointTarget[];
  /** How many activators share each assigned pod. */
  readonly sharers: number;
}

/**
 * The pods this activator uses. `activators` is how many the revision's public
 * Endpoints list, `index` this one's place among them by address (-1 when it
 * is not listed: serve mode, or the list lags; then it uses every pod).
 */
export function assignPods(pods: readonly EndpointTarget[], activators: number, index: number): PodAssignment {
  if (activators <= 1 || index < 0 || index >= activators) return { pods, sharers: 1 };
  if (pods.length < activators) return { pods, sharers: activators };
  const sorted = [...pods].sort((a, b) => compare(targetAddress(a), targetAddress(b)));
  return { pods: sorted.filter((_, i) => i % activators === index), sharers: 1 };
}

/** This activator's place among the addresses, sorted, or -1. */
export function activatorIndex(addresses: readonly string[], self: string | undefined): number {
  if (self === undefined) return -1;
  return [...addresses].sort(compare).indexOf(self);
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
