// One pod the activator may send to: its address and how many requests it holds.
import { targetAddress, type EndpointTarget } from '@knot/api';

export class PodTracker {
  readonly target: EndpointTarget;
  /** `ip:port`, the key trackers are sorted and pooled by. */
  readonly address: string;
  /** Requests this activator has in flight to the pod. */
  inFlight = 0;
  /** Requests the pod may hold at once: containerConcurrency, or Infinity when unlimited. */
  capacity: number;

  constructor(target: EndpointTarget, capacity: number) {
    this.target = target;
    this.address = targetAddress(target);
    this.capacity = capacity;
  }

  get hasSlot(): boolean {
    return this.inFlight < this.capacity;
  }
}

/**
 * A pod's slot count for a containerConcurrency (0 means unlimited), when
 * `sharers` activators send to it at once: an even share, at least one.
 */
export function podCapacity(containerConcurrency: number, sharers = 1): number {
  return containerConcurrency > 0 ? Math.max(1, Math.floor(containerConcurrency / sharers)) : Infinity;
}
