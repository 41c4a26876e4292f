// status.traffic from the flattened traffic and the rollout state (Knative's GetRevisionTrafficTargets).
import type { TrafficTarget } from '@knot/api';
import type { TrafficConfig } from './build-traffic.js';
import { rolloutsByTag, type Rollout } from './rollout.js';

/**
 * One entry per revision target, in spec order; a latestRevision target in the
 * middle of a rollout is reported once per revision it currently splits into.
 * `urlOf` gives a tag's URL; untagged entries carry none.
 */
export function revisionTrafficTargets(tc: TrafficConfig, rollout: Rollout, urlOf: (tag: string) => string): TrafficTarget[] {
  const out: TrafficTarget[] = [];
  for (const tt of tc.revisionTargets) {
    const rolling = tt.latestRevision ? rolloutsByTag(rollout, tt.tag).find((c) => c.configurationName === tt.configurationName) : undefined;
    const revisions = rolling ? (rolling.revisions ?? []) : [{ revisionName: tt.revisionName, percent: tt.percent }];
    const url = tt.tag ? urlOf(tt.tag) : undefined;
    for (const rev of revisions) {
      out.push({
        ...(tt.tag ? { tag: tt.tag } : {}),
        revisionName: rev.revisionName,
        latestRevision: tt.latestRevision,
        percent: rev.percent,
        ...(url ? { url } : {}),
      });
    }
  }
  return out;
}
