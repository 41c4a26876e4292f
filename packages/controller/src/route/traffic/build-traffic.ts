// spec.traffic flattened to concrete revisions (Knative's traffic.BuildTrafficConfiguration).
import { CONFIGURATION_LABEL_KEY, SERVICE_LABEL_KEY, type Configuration, type ProtocolType, type Revision, type Route, type TrafficTarget } from '@knot/api';
import { DEFAULT_TARGET } from '../domains/domains.js';
import { missingConfiguration, missingRevision, revisionNotOwned, TargetError, unreadyConfiguration, unreadyRevision } from './target-error.js';

/** A traffic target resolved to one revision, with defaults applied. */
export interface RevisionTarget {
  readonly tag: string;
  readonly revisionName: string;
  /** The configuration that stamped the revision; empty for a revision without one. */
  readonly configurationName: string;
  readonly latestRevision: boolean;
  readonly percent: number;
  readonly protocol: ProtocolType;
}

export interface MissingTarget {
  readonly kind: 'Configuration' | 'Revision';
  readonly name: string;
}

export interface TrafficConfig {
  /** Traffic groups: DEFAULT_TARGET holds every target, each tag its own; revisions merged within a group. */
  readonly targets: ReadonlyMap<string, readonly RevisionTarget[]>;
  /** spec.traffic at the revision level, duplicates merged: what status.traffic reports. */
  readonly revisionTargets: readonly RevisionTarget[];
  /** Every referenced Configuration and Revision that exists, by name. */
  readonly configurations: ReadonlyMap<string, Configuration>;
  readonly revisions: ReadonlyMap<string, Revision>;
  readonly missingTargets: readonly MissingTarget[];
}

/** How the builder reads the route's namespace; listers fit. */
export interface TrafficLookup {
  configuration(name: string): Configuration | undefined;
  revision(name: string): Revision | undefined;
}

export interface TrafficResult {
  readonly config: TrafficConfig;
  /** The first failure, else the first target that is not ready yet; no traffic is configured then. */
  readonly error?: TargetError;
}

export function buildTrafficConfiguration(route: Route, lookup: TrafficLookup): TrafficResult {
  const b = new Builder(route, lookup);
  for (const tt of route.spec.traffic ?? []) b.add(tt);
  return b.build();
}

/** A revision that has observed its generation and is Ready. */
export function isRevisionReady(rev: Revision): boolean {
  return (rev.status?.observedGeneration ?? 0) === (rev.metadata?.generation ?? 0) && rev.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/** `h2c` when the serving container's first port is named so. */
export function revisionProtocol(rev: Revision): ProtocolType {
  const containers = rev.spec.containers ?? [];
  const container = containers.length === 1 ? containers[0] : containers.find((c) => (c.ports ?? []).length > 0);
  return container?.ports?.[0]?.name === 'h2c' ? 'h2c' : 'http1';
}

class Builder {
  readonly #route: Route;
  readonly #lookup: TrafficLookup;
  readonly #groups = new Map<string, RevisionTarget[]>();
  readonly #revisionTargets: RevisionTarget[] = [];
  readonly #configurations = new Map<string, Configuration>();
  readonly #revisions = new Map<string, Revision>();
  readonly #missing: MissingTarget[] = [];
  #error: TargetError | undefined;

  constructor(route: Route, lookup: TrafficLookup) {
    this.#route = route;
    this.#lookup = lookup;
  }

  add(tt: TrafficTarget): void {
    try {
      if (tt.revisionName) this.#addRevisionTarget(tt, tt.revisionName);
      else if (tt.configurationName) this.#addConfigurationTarget(tt, tt.configurationName);
    } catch (err) {
      if (!(err instanceof TargetError)) throw err;
      // Keep going so every referenced target is known; a failure outranks a wait.
      if (!this.#error || err.isFailure) this.#error = err;
    }
  }

  build(): TrafficResult {
    const failed = this.#error !== undefined;
    const targets = new Map<string, readonly RevisionTarget[]>();
    if (!failed) for (const [name, group] of this.#groups) targets.set(name, consolidate(group));
    const config: TrafficConfig = {
      targets,
      revisionTargets: failed ? [] : this.#revisionTargets,
      configurations: this.#configurations,
      revisions: this.#revisions,
      missingTargets: this.#missing,
    };
    return this.#error ? { config, error: this.#error } : { config };
  }

  #configuration(name: string): Configuration {
    const found = this.#configurations.get(name) ?? this.#lookup.configuration(name);
    if (!found) {
      this.#missing.push({ kind: 'Configuration', name });
      throw missingConfiguration(name);
    }
    this.#configurations.set(name, found);
    return found;
  }

  #revision(name: string): Revision {
    const found = this.#revisions.get(name) ?? this.#lookup.revision(name);
    if (!found) {
      this.#missing.push({ kind: 'Revision', name });
      throw missingRevision(name);
    }
    this.#revisions.set(name, found);
    return found;
  }

  #addConfigurationTarget(tt: TrafficTarget, name: string): void {
    const config = this.#configuration(name);
    const latestReady = config.status?.latestReadyRevisionName;
    if (!latestReady) throw unreadyConfiguration(config);
    const rev = this.#revision(latestReady);
    if (!isRevisionReady(rev)) throw unreadyRevision(rev);
    this.#addFlattened(target(tt, rev, name));
  }

  #addRevisionTarget(tt: TrafficTarget, name: string): void {
    const rev = this.#revision(name);
    // A Service's Route may only send traffic to that Service's revisions; a standalone Route to any.
    const routeService = this.#route.metadata?.labels?.[SERVICE_LABEL_KEY] ?? '';
    const revService = rev.metadata?.labels?.[SERVICE_LABEL_KEY] ?? '';
    if (routeService !== '' && routeService !== revService) throw revisionNotOwned(name, routeService, revService);
    if (!isRevisionReady(rev)) throw unreadyRevision(rev);
    const configName = rev.metadata?.labels?.[CONFIGURATION_LABEL_KEY] ?? '';
    if (configName !== '') this.#configuration(configName);
    this.#addFlattened(target(tt, rev, configName));
  }

  #addFlattened(t: RevisionTarget): void {
    mergeInto(this.#revisionTargets, t);
    push(this.#groups, DEFAULT_TARGET, t);
    if (t.tag !== '') push(this.#groups, t.tag, t);
  }
}

function target(tt: TrafficTarget, rev: Revision, configurationName: string): RevisionTarget {
  return {
    tag: tt.tag ?? '',
    revisionName: rev.metadata?.name ?? '',
    configurationName,
    // What the webhook's defaulting would have set.
    latestRevision: tt.latestRevision ?? !tt.revisionName,
    percent: tt.percent ?? 0,
    protocol: revisionProtocol(rev),
  };
}

/** Adds the percent to an entry with the same tag, revision and latestRevision, or appends. */
function mergeInto(list: RevisionTarget[], t: RevisionTarget): void {
  const i = list.findIndex((x) => x.tag === t.tag && x.revisionName === t.revisionName && x.latestRevision === t.latestRevision);
  const existing = list[i];
  if (existing) list[i] = { ...existing, percent: existing.percent + t.percent };
  else list.push(t);
}

function push(groups: Map<string, RevisionTarget[]>, name: string, t: RevisionTarget): void {
  const group = groups.get(name);
  if (group) group.push(t);
  else groups.set(name, [t]);
}

/** One entry per revision, in first-seen order, percents summed; a lone revision gets 100%. */
function consolidate(targets: readonly RevisionTarget[]): RevisionTarget[] {
  const byName = new Map<string, RevisionTarget>();
  for (const t of targets) {
    const cur = byName.get(t.revisionName);
    byName.set(t.revisionName, cur ? { ...cur, percent: cur.percent + t.percent } : t);
  }
  const out = [...byName.values()];
  if (out.length === 1 && out[0]) out[0] = { ...out[0], percent: 100 };
  return out;
}
