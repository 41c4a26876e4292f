// Scheduled scaling (after Alibaba Cloud Knative's timed scaling): cron-started
// windows that each hold a revision at or above a minimum scale, on top of the
// KPA or HPA. The windows are parsed by @knot/api (so the webhook refuses what
// this cannot use) and evaluated here on the reconciler's clock; the
// PodAutoscaler is reconciled again at the next window boundary.
import type { ScheduleWindow } from '@knot/api';

/** Longer waits are cut so a timer never overflows; the reconcile then simply looks again. */
export const MAX_SCHEDULE_REQUEUE_MS = 24 * 3600_000;

export interface ScheduleState {
  /** The largest minScale of the windows open at `now`; 0 when none is. */
  readonly minScale: number;
  /** Milliseconds until a window opens or closes; undefined when none ever will. */
  readonly nextChangeMs: number | undefined;
}

/** Which windows are open at `now` (a window opened at s is open during [s, s + duration)). */
export function evaluateSchedule(windows: readonly ScheduleWindow[], now: number): ScheduleState {
  let minScale = 0;
  let next = Infinity;
  for (const w of windows) {
    const opened = w.cron.nextRun(new Date(now - w.durationMs))?.getTime();
    if (opened !== undefined && opened <= now) {
      minScale = Math.max(minScale, w.minScale);
      next = Math.min(next, opened + w.durationMs);
    }
    const opens = w.cron.nextRun(new Date(now))?.getTime();
    if (opens !== undefined) next = Math.min(next, opens);
  }
  return { minScale, nextChangeMs: Number.isFinite(next) ? Math.min(next - now, MAX_SCHEDULE_REQUEUE_MS) : undefined };
}
