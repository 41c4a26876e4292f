// Which revisions of one Configuration config-gc lets go (Knative's pkg/reconciler/gc, the v2 settings).
import {
  GC_DISABLED,
  REVISION_PRESERVED_ANNOTATION_KEY,
  ROUTING_STATE_LABEL_KEY,
  ROUTING_STATE_MODIFIED_ANNOTATION_KEY,
  RoutingState,
  type ConfigGC,
  type Configuration,
  type Revision,
} from '@knot/api';

export interface GCInput {
  config: ConfigGC;
  configuration: Configuration;
  /** The configuration's revisions. */
  revisions: readonly Revision[];
  /** Revision names some Route's spec or status traffic names. */
  referenced: ReadonlySet<string>;
  now: number;
}

export interface GCPlan {
  /** Oldest first (by last activity). */
  delete: Revision[];
  /** When a kept revision next becomes old enough to collect; undefined when none will without other changes. */
  recheckAt?: number;
}

/**
 * Keeps every active revision and at least `minNonActiveRevisions` others; of
 * the rest, collects those past both retention windows, then the oldest until
 * at most `maxNonActiveRevisions` non-active ones remain.
 */
export function planRevisionGC({ config, configuration, revisions, referenced, now }: GCInput): GCPlan {
  const { minNonActiveRevisions: min, maxNonActiveRevisions: max } = config;
  const timeDisabled = config.retainSinceCreateTimeMs === GC_DISABLED && config.retainSinceLastActiveTimeMs === GC_DISABLED;
  if (max === GC_DISABLED && timeDisabled) return { delete: [] };
  if (revisions.length <= min) return { delete: [] };

  const candidates = revisions.filter((rev) => !isActive(rev, configuration, referenced)).sort((a, b) => lastActiveTime(a) - lastActiveTime(b));
  if (candidates.length <= min) return { delete: [] };

  // Stale ones go first, oldest first, as long as `min` remain.
  const maxStale = candidates.length - min;
  const stale = new Set<Revision>();
  for (const rev of candidates) {
    if (stale.size >= maxStale) break;
    if (staleAt(config, rev) <= now) stale.add(rev);
  }
  // Then the oldest of the rest, down to `max`.
  const kept = candidates.filter((rev) => !stale.has(rev));
  const overMax = max === GC_DISABLED ? 0 : Math.max(0, kept.length - max);
  const doomed = new Set([...stale, ...kept.slice(0, overMax)]);

  const remaining = candidates.filter((rev) => !doomed.has(rev));
  const upcoming = remaining.length > min ? remaining.map((rev) => staleAt(config, rev)).filter((t) => t > now && Number.isFinite(t)) : [];
  return {
    delete: candidates.filter((rev) => doomed.has(rev)),
    ...(upcoming.length > 0 ? { recheckAt: Math.min(...upcoming) } : {}),
  };
}

/**
 * Active revisions are never collected: the latest ready and latest created,
 * one a route sends traffic to, one the labeler has not put in reserve, and
 * one annotated `serving.knative.dev/no-gc: "true"`.
 */
export function isActive(rev: Revision, configuration: Configuration, referenced: ReadonlySet<string>): boolean {
  const name = rev.metadata?.name ?? '';
  if (name === configuration.status?.latestReadyRevisionName || name === configuration.status?.latestCreatedRevisionName) return true;
  if (referenced.has(name)) return true;
  if (rev.metadata?.annotations?.[REVISION_PRESERVED_ANNOTATION_KEY]?.toLowerCase() === 'true') return true;
  // Unlabelled (new) revisions count as active until the labeler decides.
  return rev.metadata?.labels?.[ROUTING_STATE_LABEL_KEY] !== RoutingState.Reserve;
}

/** The time from which both retention windows have passed; Infinity when both are disabled. */
export function staleAt(config: ConfigGC, rev: Revision): number {
  const { retainSinceCreateTimeMs: sinceCreate, retainSinceLastActiveTimeMs: sinceActive } = config;
  if (sinceCreate === GC_DISABLED && sinceActive === GC_DISABLED) return Infinity;
  const byCreate = sinceCreate === GC_DISABLED ? -Infinity : createdAt(rev) + sinceCreate;
  const byActivity = sinceActive === GC_DISABLED ? -Infinity : lastActiveTime(rev) + sinceActive;
  return Math.max(byCreate, byActivity);
}

/** When the routing state last changed (the revision stopped taking traffic), else its creation time. */
export function lastActiveTime(rev: Revision): number {
  const modified = parseTime(rev.metadata?.annotations?.[ROUTING_STATE_MODIFIED_ANNOTATION_KEY]);
  return modified ?? createdAt(rev);
}

function createdAt(rev: Revision): number {
  return parseTime(rev.metadata?.creationTimestamp) ?? 0;
}

function parseTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}
