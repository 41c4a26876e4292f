// kn's --traffic, --tag and --untag: a Service's spec.traffic edited the way kn
// edits it. Targets are revision names, tags, or @latest.
import type { TrafficTarget } from '@knot/api';
import { parseIntArg } from '../args/flags.js';
import { UsageError } from '../errors.js';

export const LATEST = '@latest';

export interface TrafficEdits {
  /** --tag REV=TAG */
  readonly tags: readonly string[];
  /** --untag TAG */
  readonly untags: readonly string[];
  /** --traffic REV|TAG|@latest=PERCENT */
  readonly traffic: readonly string[];
}

export function hasTrafficEdits(e: TrafficEdits): boolean {
  return e.tags.length + e.untags.length + e.traffic.length > 0;
}

/** The edited traffic block; `current` is the Service's spec.traffic (absent: 100% to @latest). */
export function editTraffic(current: readonly TrafficTarget[] | undefined, edits: TrafficEdits): TrafficTarget[] {
  let targets: TrafficTarget[] = (current && current.length > 0 ? current : [{ latestRevision: true, percent: 100 }]).map((t) => ({ ...t }));
  for (const tag of edits.untags) {
    const target = targets.find((t) => t.tag === tag);
    if (!target) throw new UsageError('BAD_FLAG', `--untag: no traffic target is tagged ${JSON.stringify(tag)}`);
    delete target.tag;
  }
  for (const item of edits.tags) {
    const [ref, tag] = split(item, '--tag', 'REVISION=TAG');
    if (targets.some((t) => t.tag === tag)) throw new UsageError('BAD_FLAG', `--tag: tag ${JSON.stringify(tag)} is already used`);
    const untagged = targets.find((t) => refersTo(t, ref) && !t.tag);
    if (untagged) untagged.tag = tag;
    else targets.push({ ...targetFor(ref), tag, percent: 0 });
  }
  if (edits.traffic.length > 0) {
    const shares = trafficShares(edits);
    for (const t of targets) t.percent = 0;
    for (const { ref, percent } of shares) {
      const byTag = targets.find((t) => t.tag === ref);
      const byRef = targets.find((t) => refersTo(t, ref) && !t.tag) ?? targets.find((t) => refersTo(t, ref));
      const target = byTag ?? byRef;
      if (target) target.percent = (target.percent ?? 0) + percent;
      else targets.push({ ...targetFor(ref), percent });
    }
  }
  // Untagged targets that take no traffic say nothing.
  targets = targets.filter((t) => t.tag || (t.percent ?? 0) > 0);
  return targets;
}

/** The flags' syntax and the --traffic sum, checked before anything is read from the API. */
export function checkTrafficEdits(edits: TrafficEdits): void {
  for (const item of edits.tags) split(item, '--tag', 'REVISION=TAG');
  trafficShares(edits);
}

function trafficShares(edits: TrafficEdits): { ref: string; percent: number }[] {
  if (edits.traffic.length === 0) return [];
  const shares = edits.traffic.map((item) => {
    const [ref, raw] = split(item, '--traffic', 'REVISION=PERCENT');
    return { ref, percent: parseIntArg(raw.replace(/%$/, ''), `--traffic ${ref}`, 0, 100) };
  });
  const total = shares.reduce((sum, s) => sum + s.percent, 0);
  if (total !== 100) throw new UsageError('BAD_FLAG', `--traffic: the percentages add up to ${total}, not 100`);
  return shares;
}

function refersTo(t: TrafficTarget, ref: string): boolean {
  return ref === LATEST ? t.latestRevision === true : t.revisionName === ref && t.latestRevision !== true;
}

function targetFor(ref: string): TrafficTarget {
  return ref === LATEST ? { latestRevision: true } : { revisionName: ref, latestRevision: false };
}

function split(item: string, flag: string, form: string): [string, string] {
  const eq = item.lastIndexOf('=');
  if (eq <= 0 || eq === item.length - 1) throw new UsageError('BAD_FLAG', `${flag}: ${JSON.stringify(item)} is not ${form}`);
  return [item.slice(0, eq), item.slice(eq + 1)];
}
