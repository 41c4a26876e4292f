import type { KubeObject } from '@knot/api';
import type { WatchEventType } from '../client.js';
import { ApiError } from '../errors.js';

/** One committed write: the object after it (before it, for DELETED) and the state it replaced. */
export interface StoreEvent {
  readonly resourceVersion: number;
  /** `resourceKey` of the kind. */
  readonly kind: string;
  readonly type: WatchEventType;
  readonly object: KubeObject;
  /** The object before a MODIFIED or DELETED write, so selector watches can tell entering from leaving. */
  readonly previous?: KubeObject;
}

/**
 * The last `size` events, for watches that resume from a resourceVersion. A
 * version older than the window is Gone, as etcd's compaction makes it.
 */
export class WatchHistory {
  readonly #size: number;
  #events: StoreEvent[] = [];
  #start = 0;
  /** Every event at or below this version has been dropped. */
  #floor: number;

  constructor(size: number, floor = 0) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`historySize must be a positive integer, got ${size}`);
    this.#size = size;
    this.#floor = floor;
  }

  get length(): number {
    return this.#events.length - this.#start;
  }

  record(event: StoreEvent): void {
    this.#events.push(event);
    if (this.length > this.#size) {
      const dropped = this.#events[this.#start];
      if (dropped) this.#floor = dropped.resourceVersion;
      this.#start++;
      // Compact occasionally so dropping stays O(1) amortised.
      if (this.#start >= this.#size) {
        this.#events = this.#events.slice(this.#start);
        this.#start = 0;
      }
    }
  }

  /** Events after `version`, oldest first; Gone when some of them were already dropped. */
  since(version: number): StoreEvent[] {
    if (version < this.#floor) {
      throw new ApiError('Gone', `too old resource version: ${version} (${this.#floor + 1})`);
    }
    let lo = this.#start;
    let hi = this.#events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#events[mid]?.resourceVersion ?? Infinity) <= version) lo = mid + 1;
      else hi = mid;
    }
    return this.#events.slice(lo);
  }

  /** Forgets everything: resuming from any version at or below `floor` is Gone afterwards. */
  reset(floor: number): void {
    this.#events = [];
    this.#start = 0;
    this.#floor = floor;
  }
}
