// Which of a revision's ready pods may take traffic: a pod listed in the
// private Endpoints is probed every `intervalMs` until queue-proxy answers, and
// only then handed to the throttler. It stays healthy until it leaves the Endpoints.
import { targetAddress, type EndpointTarget, type ProtocolType } from '@knot/api';
import type { Clock, Logger, TimerHandle } from '@knot/runtime';
import type { Probe } from './prober.js';

export interface RevisionBackendsOptions {
  readonly clock: Clock;
  readonly probe: Probe;
  /** Wait between a failed probe and the next. */
  readonly intervalMs: number;
  /** Called with a revision's probed pods whenever that set changes. */
  readonly onHealthy: (key: string, healthy: readonly EndpointTarget[]) => void;
  readonly logger: Logger;
}

interface PodEntry {
  readonly target: EndpointTarget;
  healthy: boolean;
  gone: boolean;
  timer: TimerHandle | undefined;
}

interface RevisionPods {
  protocol: ProtocolType;
  pods: Map<string, PodEntry>;
}

export class RevisionBackends {
  readonly #opts: RevisionBackendsOptions;
  readonly #revisions = new Map<string, RevisionPods>();
  #stopped = false;

  constructor(opts: RevisionBackendsOptions) {
    this.#opts = opts;
  }

  /** The revision's ready pods from its Endpoints; new ones are probed, missing ones dropped. */
  update(key: string, targets: readonly EndpointTarget[], protocol: ProtocolType): void {
    if (this.#stopped) return;
    let rev = this.#revisions.get(key);
    if (rev && rev.protocol !== protocol) {
      // A pod probed over one protocol proves nothing about the other.
      this.remove(key);
      rev = undefined;
    }
    if (!rev) {
      rev = { protocol, pods: new Map() };
      this.#revisions.set(key, rev);
    }
    const wanted = new Map(targets.map((t) => [targetAddress(t), t]));
    let lostHealthy = false;
    for (const [address, entry] of rev.pods) {
      if (wanted.has(address)) continue;
      this.#drop(entry);
      rev.pods.delete(address);
      lostHealthy ||= entry.healthy;
    }
    for (const [address, target] of wanted) {
      if (rev.pods.has(address)) continue;
      const entry: PodEntry = { target, healthy: false, gone: false, timer: undefined };
      rev.pods.set(address, entry);
      this.#probe(key, rev, entry);
    }
    if (lostHealthy) this.#notify(key, rev);
  }

  /** Forgets a revision and stops probing its pods. */
  remove(key: string): void {
    const rev = this.#revisions.get(key);
    if (!rev) return;
    for (const entry of rev.pods.values()) this.#drop(entry);
    this.#revisions.delete(key);
  }

  /** The revision's probed pods. */
  healthy(key: string): EndpointTarget[] {
    const rev = this.#revisions.get(key);
    return rev ? [...rev.pods.values()].filter((e) => e.healthy).map((e) => e.target) : [];
  }

  stop(): void {
    this.#stopped = true;
    for (const key of [...this.#revisions.keys()]) this.remove(key);
  }

  #drop(entry: PodEntry): void {
    entry.gone = true;
    if (entry.timer) this.#opts.clock.clearTimeout(entry.timer);
    entry.timer = undefined;
  }

  #probe(key: string, rev: RevisionPods, entry: PodEntry): void {
    entry.timer = undefined;
    this.#opts.probe(entry.target, rev.protocol).then(
      (ok) => this.#probed(key, rev, entry, ok),
      (err: unknown) => {
        this.#opts.logger.warn({ err, revision: key }, 'probe failed');
        this.#probed(key, rev, entry, false);
      },
    );
  }

  #probed(key: string, rev: RevisionPods, entry: PodEntry, ok: boolean): void {
    if (entry.gone || this.#stopped) return;
    if (ok) {
      entry.healthy = true;
      this.#notify(key, rev);
      return;
    }
    entry.timer = this.#opts.clock.setTimeout(() => this.#probe(key, rev, entry), this.#opts.intervalMs);
  }

  #notify(key: string, rev: RevisionPods): void {
    if (this.#revisions.get(key) !== rev) return;
    this.#opts.onHealthy(key, [...rev.pods.values()].filter((e) => e.healthy).map((e) => e.target));
  }
}
