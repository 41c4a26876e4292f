// How the activator picks a pod among those with a free slot, as Knative does:
// the first free pod for small concurrency (pack requests onto few pods), round
// robin above that, and the less loaded of two random pods when unlimited.
import type { PodTracker } from './pod-tracker.js';

/** Picks a pod with a free slot, or undefined when every pod is full. Trackers are sorted by address. */
export type LbPolicy = (trackers: readonly PodTracker[]) => PodTracker | undefined;

export type LbPolicyName = 'first-available' | 'round-robin' | 'random-choice-2';

/** Containers that take at most this many requests are packed with first-available. */
const FIRST_AVAILABLE_MAX_CC = 3;

export function policyNameFor(containerConcurrency: number): LbPolicyName {
  if (containerConcurrency <= 0) return 'random-choice-2';
  return containerConcurrency <= FIRST_AVAILABLE_MAX_CC ? 'first-available' : 'round-robin';
}

/** A fresh policy (round robin keeps its own position) for a containerConcurrency. */
export function newPolicy(containerConcurrency: number, random: () => number): LbPolicy {
  switch (policyNameFor(containerConcurrency)) {
    case 'first-available':
      return firstAvailable;
    case 'round-robin':
      return roundRobin();
    default:
      return randomChoice2(random);
  }
}

export const firstAvailable: LbPolicy = (trackers) => {
  for (const t of trackers) if (t.hasSlot) return t;
  return undefined;
};

/** Starts after the pod chosen last, so load spreads evenly. */
export function roundRobin(): LbPolicy {
  let last = -1;
  return (trackers) => {
    const n = trackers.length;
    for (let i = 1; i <= n; i++) {
      const idx = (last + i) % n;
      const t = trackers[idx];
      if (t?.hasSlot) {
        last = idx;
        return t;
      }
    }
    return undefined;
  };
}

/** Two distinct random pods, the one with fewer requests in flight wins (ties to the first draw). */
export function randomChoice2(random: () => number): LbPolicy {
  return (trackers) => {
    const n = trackers.length;
    if (n <= 1) return trackers[0]?.hasSlot ? trackers[0] : undefined;
    const i = Math.min(n - 1, Math.floor(random() * n));
    // The second draw skips the first, so the two always differ.
    let j = Math.min(n - 2, Math.floor(random() * (n - 1)));
    if (j >= i) j++;
    const a = trackers[i];
    const b = trackers[j];
    if (!a || !b) return undefined;
    const pick = b.inFlight < a.inFlight ? b : a;
    if (pick.hasSlot) return pick;
    const other = pick === a ? b : a;
    return other.hasSlot ? other : firstAvailable(trackers);
  };
}
