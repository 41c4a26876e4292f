// Gradual rollout state: how a new revision of a configuration takes over its
// traffic, 1% first, then in equal steps over rollout-duration (Knative's traffic/rollout.go).
// Times are Unix nanoseconds, as in Knative's annotation.
import type { TrafficConfig } from './build-traffic.js';

export interface RevisionRollout {
  revisionName: string;
  /** Share of the whole route's traffic, not of the configuration's. */
  percent: number;
}

export interface RolloutParams {
  /** When the rollout started; the first step is sized by how long the 1% took to become ready. */
  starttime?: number;
  nextStepTime?: number;
  stepDuration?: number;
  stepSize?: number;
}

/** The rollout of one configuration within one traffic group (tag). */
export interface ConfigurationRollout {
  configurationName: string;
  tag?: string;
  /** The configuration's total percent; its revisions' percents sum to it. */
  percent: number;
  /** Oldest first; the last one is the newest and ends with all of `percent`. */
  revisions?: RevisionRollout[];
  stepParams: RolloutParams;
}

/** Sorted by tag, then configuration name. */
export interface Rollout {
  configurations?: ConfigurationRollout[];
}

const SECOND = 1e9;

/** The steady state the traffic asks for: each latestRevision target at its full percent. */
export function buildRollout(tc: TrafficConfig): Rollout {
  const configurations: ConfigurationRollout[] = [];
  for (const [tag, targets] of tc.targets) {
    for (const t of targets) {
      // Pinned revisions and 0% targets do not roll out.
      if (!t.latestRevision || t.percent === 0) continue;
      configurations.push({
        configurationName: t.configurationName,
        ...(tag ? { tag } : {}),
        percent: t.percent,
        revisions: [{ revisionName: t.revisionName, percent: t.percent }],
        stepParams: {},
      });
    }
  }
  return sortRollout(configurations.length ? { configurations } : {});
}

/** The rollouts of one tag (DEFAULT_TARGET for the untagged group). */
export function rolloutsByTag(ro: Rollout, tag: string): ConfigurationRollout[] {
  return (ro.configurations ?? []).filter((c) => (c.tag ?? '') === tag);
}

/** True when no configuration is between revisions. */
export function rolloutDone(ro: Rollout): boolean {
  return (ro.configurations ?? []).every((c) => (c.revisions ?? []).length < 2);
}

/** Consistency checks for state read back from an annotation. */
export function rolloutValid(ro: Rollout): boolean {
  return (ro.configurations ?? []).every((c) => {
    const size = c.stepParams.stepSize ?? 0;
    const total = (c.revisions ?? []).reduce((sum, r) => sum + r.percent, 0);
    return c.percent <= 100 && size >= 0 && size <= c.percent && total === c.percent;
  });
}

/**
 * Once the Ingress first reports ready, sizes the steps of every rollout that
 * has started but not been sized: the time the 1% took is the shortest step.
 */
export function observeReady(ro: Rollout, nowNs: number, durationSecs: number): Rollout {
  const out = structuredClone(ro);
  for (const c of out.configurations ?? []) {
    const p = c.stepParams;
    if (!p.stepDuration && (p.starttime ?? 0) > 0) {
      const minStepSec = Math.max(1, Math.ceil((nowNs - (p.starttime ?? 0)) / SECOND));
      computeProperties(c, nowNs, minStepSec, durationSecs);
    }
  }
  return out;
}

function computeProperties(c: ConfigurationRollout, nowNs: number, minStepSec: number, durationSecs: number): void {
  // The first 1% already took minStepSec; at least one step remains.
  const duration = Math.max(1, durationSecs - minStepSec);
  const remaining = c.percent - 1;
  const steps = Math.min(Math.max(1, duration / minStepSec), remaining);
  const stepDuration = Math.trunc((duration / steps) * SECOND);
  c.stepParams.stepDuration = stepDuration;
  c.stepParams.stepSize = Math.round(remaining / steps);
  c.stepParams.nextStepTime = Math.trunc(nowNs + (duration / steps) * SECOND);
}

export interface StepResult {
  readonly rollout: Rollout;
  /** When the next step is due (Unix ns), or 0 when nothing is rolling out. */
  readonly nextStepTime: number;
}

/**
 * Merges the desired steady state `cur` with the previous state `prev`: a new
 * revision of a configuration starts at 1%, a rollout due for a step moves
 * stepSize more, a changed configuration percent is applied to the newest
 * (increase) or oldest (decrease) revisions.
 */
export function stepRollout(cur: Rollout, prev: Rollout | undefined, nowNs: number): StepResult {
  if (!prev?.configurations?.length) return { rollout: cur, nextStepTime: 0 };
  const previous = structuredClone(prev);
  const out: ConfigurationRollout[] = [];
  let next = Infinity;
  for (const [tag, ccfgs] of groupByTag(cur)) {
    const pcfgs = rolloutsByTag(previous, tag);
    // A new tag has nothing to roll from: it takes its share at once.
    if (pcfgs.length === 0) {
      out.push(...ccfgs);
      continue;
    }
    let j = 0;
    for (const c of ccfgs) {
      while (j < pcfgs.length && (pcfgs[j]?.configurationName ?? '') < c.configurationName) j++;
      const p = pcfgs[j];
      if (!p || p.configurationName !== c.configurationName) {
        if (c.percent !== 0) out.push(c);
        continue;
      }
      j++;
      if (c.percent > 1) {
        const stepped = stepConfig(c, p, nowNs);
        out.push(stepped);
        const nst = stepped.stepParams.nextStepTime ?? 0;
        if (nst > 0 && nst < next) next = nst;
      } else if (c.percent === 1) {
        // A 1% A/B target has nothing to step through.
        out.push(c);
      }
    }
  }
  return { rollout: sortRollout(out.length ? { configurations: out } : {}), nextStepTime: next === Infinity ? 0 : next };
}

function stepConfig(goal: ConfigurationRollout, prev: ConfigurationRollout, nowNs: number): ConfigurationRollout {
  const ret: ConfigurationRollout = { ...goal, revisions: goal.revisions, stepParams: {} };
  if ((prev.revisions ?? []).length > 0) adjustPercentage(goal.percent, prev);
  const prevRevs = prev.revisions ?? [];
  const newest = prevRevs.at(-1);
  if (!newest || goal.revisions?.[0]?.revisionName === newest.revisionName) {
    // No new revision: keep stepping a rollout already under way.
    if (prevRevs.length > 1) {
      ret.revisions = prevRevs;
      ret.stepParams = { ...prev.stepParams };
      // Not sized until the Ingress has been seen ready.
      if ((ret.stepParams.stepSize ?? 0) > 0) stepRevisions(ret, nowNs);
    }
    return ret;
  }
  // A new revision: it takes 1% from the newest revision that has traffic.
  ret.stepParams = { starttime: nowNs };
  for (let i = prevRevs.length - 1; i >= 0; i--) {
    const r = prevRevs[i];
    if (r && r.percent > 0) {
      r.percent--;
      break;
    }
  }
  const goalRev = goal.revisions?.[0];
  ret.revisions = [...prevRevs.filter((r) => r.percent !== 0), ...(goalRev ? [{ revisionName: goalRev.revisionName, percent: 1 }] : [])];
  return ret;
}

/** Applies a changed configuration percent: more goes to the newest revision, less comes from the oldest. */
export function adjustPercentage(goal: number, cr: ConfigurationRollout): void {
  const revs = cr.revisions ?? [];
  const diff = goal - cr.percent;
  if (goal === 0) {
    cr.revisions = [];
  } else if (diff > 0) {
    const last = revs.at(-1);
    if (last) last.percent += diff;
  } else if (diff < 0) {
    let left = -diff;
    let i = 0;
    for (; left > 0 && i < revs.length; i++) {
      const r = revs[i];
      if (!r) break;
      if (r.percent > left) {
        r.percent -= left;
        break;
      }
      left -= r.percent;
    }
    cr.revisions = revs.slice(i);
  }
}

/** Moves stepSize from the older revisions to the newest one when a step is due. */
export function stepRevisions(goal: ConfigurationRollout, nowNs: number): void {
  const revs = goal.revisions ?? [];
  if (nowNs < (goal.stepParams.nextStepTime ?? 0) || revs.length < 2) return;
  const size = goal.stepParams.stepSize ?? 0;
  const newest = revs[revs.length - 1];
  if (!newest) return;
  let remaining = size;
  let writePos = revs.length - 1;
  // Drain the newest of the older revisions first.
  for (let readPos = revs.length - 2; remaining > 0 && readPos >= 0; readPos--) {
    const r = revs[readPos];
    if (!r) break;
    if (r.percent > remaining) {
      r.percent -= remaining;
      break;
    }
    remaining -= r.percent;
    writePos--;
  }
  const moved = { revisionName: newest.revisionName, percent: Math.min(newest.percent + size, goal.percent) };
  goal.revisions = [...revs.slice(0, writePos), moved];
  goal.stepParams = goal.revisions.length > 1 ? { ...goal.stepParams, nextStepTime: nowNs + (goal.stepParams.stepDuration ?? 0) } : {};
}

function groupByTag(ro: Rollout): Map<string, ConfigurationRollout[]> {
  const out = new Map<string, ConfigurationRollout[]>();
  for (const c of ro.configurations ?? []) {
    const tag = c.tag ?? '';
    out.set(tag, [...(out.get(tag) ?? []), c]);
  }
  return out;
}

function sortRollout(ro: Rollout): Rollout {
  const key = (c: ConfigurationRollout) => [c.tag ?? '', c.configurationName] as const;
  (ro.configurations ?? []).sort((a, b) => {
    const [ta, na] = key(a);
    const [tb, nb] = key(b);
    return ta !== tb ? (ta < tb ? -1 : 1) : na < nb ? -1 : na > nb ? 1 : 0;
  });
  return ro;
}
