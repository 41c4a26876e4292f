// The activator's view of every revision: settings from the Revision, pods
// from its private Endpoints (probed before use), one throttle and one stat
// counter each. Fed by the Revision and Endpoints informers; read per request.
import { childName, endpointTargets, targetAddress, type EndpointTarget, type Revision } from '@knot/api';
import type { Endpoints } from 'kubernetes-types/core/v1.js';
import type { Clock, Lister } from '@knot/runtime';
import type { RevisionBackends } from '../backends/revision-backends.js';
import type { ActivatorMetrics, RevisionMetrics } from '../metrics/activator-metrics.js';
import { RevisionStats } from '../stats/revision-stats.js';
import { RevisionThrottler } from '../throttler/revision-throttler.js';
import { activatorIndex, assignPods } from './activator-subset.js';
import { revisionSettings, type RevisionSettings } from './revision-settings.js';

const PRIVATE_SUFFIX = '-private';

export class RevisionEntry {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly privateService: string;
  settings: RevisionSettings;
  readonly throttler: RevisionThrottler;
  readonly stats: RevisionStats;
  readonly metrics: RevisionMetrics;
  /** Whether the autoscaler was poked since the revision last had pods. */
  poked = false;
  /** The probed pods, before the split among activators. */
  healthy: readonly EndpointTarget[] = [];
  /** Activators the revision's public Endpoints list, and this one's place among them (-1: not listed). */
  activators = 0;
  activatorIndex = -1;

  constructor(rev: Revision, settings: RevisionSettings, throttler: RevisionThrottler, stats: RevisionStats, metrics: RevisionMetrics) {
    this.namespace = rev.metadata?.namespace ?? '';
    this.name = rev.metadata?.name ?? '';
    this.key = `${this.namespace}/${this.name}`;
    this.privateService = childName(this.name, PRIVATE_SUFFIX);
    this.settings = settings;
    this.throttler = throttler;
    this.stats = stats;
    this.metrics = metrics;
  }
}

export interface RevisionRegistryOptions {
  readonly revisions: Lister<Revision>;
  readonly endpoints: Lister<Endpoints>;
  readonly backends: RevisionBackends;
  readonly metrics: ActivatorMetrics;
  readonly clock: Clock;
  readonly random: () => number;
  readonly queueDepth: number;
  /** This activator's `ip:port` for a port name (`http`, `http2`) as the public Endpoints list it; undefined when unknown. */
  readonly self: (portName: string) => string | undefined;
}

export class RevisionRegistry {
  readonly #opts: RevisionRegistryOptions;
  /** namespace → name → entry, so a lookup builds no key string. */
  readonly #entries = new Map<string, Map<string, RevisionEntry>>();
  /** `namespace/<private service>` → entry, for Endpoints events. */
  readonly #byPrivate = new Map<string, RevisionEntry>();
  readonly #byKey = new Map<string, RevisionEntry>();

  constructor(opts: RevisionRegistryOptions) {
    this.#opts = opts;
  }

  /** The revision's entry, made from the informer cache on first use; undefined when no such Revision exists. */
  lookup(namespace: string, name: string): RevisionEntry | undefined {
    const found = this.#entries.get(namespace)?.get(name);
    if (found) return found;
    const rev = this.#opts.revisions.get(namespace, name);
    return rev ? this.#ensure(rev) : undefined;
  }

  get(key: string): RevisionEntry | undefined {
    return this.#byKey.get(key);
  }

  entries(): IterableIterator<RevisionEntry> {
    return this.#byKey.values();
  }

  /** A Revision was added or changed. */
  revisionChanged(rev: Revision): void {
    const entry = this.#ensure(rev);
    const settings = revisionSettings(rev);
    const before = entry.settings;
    entry.settings = settings;
    entry.throttler.setContainerConcurrency(settings.containerConcurrency);
    if (before.protocol !== settings.protocol) {
      this.#syncEndpoints(entry);
      this.#syncActivators(entry);
    }
  }

  revisionDeleted(rev: Revision): void {
    const ns = rev.metadata?.namespace ?? '';
    const entry = this.#entries.get(ns)?.get(rev.metadata?.name ?? '');
    if (!entry) return;
    this.#entries.get(ns)?.delete(entry.name);
    this.#byPrivate.delete(`${ns}/${entry.privateService}`);
    this.#byKey.delete(entry.key);
    this.#opts.backends.remove(entry.key);
    entry.metrics.remove();
  }

  /** Endpoints were added, changed or deleted; only the private and public Services of known revisions matter. */
  endpointsChanged(ep: Endpoints): void {
    const ns = ep.metadata?.namespace ?? '';
    const name = ep.metadata?.name ?? '';
    const owner = this.#byPrivate.get(`${ns}/${name}`);
    if (owner) this.#syncEndpoints(owner);
    // The public Service (named like the revision) lists the activators in its path while in proxy mode.
    const revision = this.#entries.get(ns)?.get(name);
    if (revision) this.#syncActivators(revision);
  }

  /** The backends manager found a new set of probed pods. */
  healthyChanged(key: string, healthy: readonly EndpointTarget[]): void {
    const entry = this.#byKey.get(key);
    if (!entry) return;
    entry.healthy = healthy;
    this.#assign(entry);
    if (healthy.length > 0) entry.poked = false;
  }

  #assign(entry: RevisionEntry): void {
    const { pods, sharers } = assignPods(entry.healthy, entry.activators, entry.activatorIndex);
    entry.throttler.setSharers(sharers);
    entry.throttler.setTargets(pods);
  }

  #syncActivators(entry: RevisionEntry): void {
    const ep = this.#opts.endpoints.get(entry.namespace, entry.name);
    const addresses = endpointTargets(ep, entry.settings.portName).map(targetAddress);
    const index = activatorIndex(addresses, this.#opts.self(entry.settings.portName));
    if (addresses.length === entry.activators && index === entry.activatorIndex) return;
    entry.activators = addresses.length;
    entry.activatorIndex = index;
    this.#assign(entry);
  }

  #syncEndpoints(entry: RevisionEntry): void {
    const ep = this.#opts.endpoints.get(entry.namespace, entry.privateService);
    this.#opts.backends.update(entry.key, endpointTargets(ep, entry.settings.portName), entry.settings.protocol);
  }

  #ensure(rev: Revision): RevisionEntry {
    const ns = rev.metadata?.namespace ?? '';
    const name = rev.metadata?.name ?? '';
    const existing = this.#entries.get(ns)?.get(name);
    if (existing) return existing;
    const settings = revisionSettings(rev);
    const throttler = new RevisionThrottler({ containerConcurrency: settings.containerConcurrency, queueDepth: this.#opts.queueDepth, random: this.#opts.random });
    const entry = new RevisionEntry(rev, settings, throttler, new RevisionStats(this.#opts.clock.now()), this.#opts.metrics.forRevision(settings.labels));
    let inNs = this.#entries.get(ns);
    if (!inNs) this.#entries.set(ns, (inNs = new Map<string, RevisionEntry>()));
    inNs.set(name, entry);
    this.#byPrivate.set(`${ns}/${entry.privateService}`, entry);
    this.#byKey.set(entry.key, entry);
    this.#syncActivators(entry);
    this.#syncEndpoints(entry);
    return entry;
  }
}
