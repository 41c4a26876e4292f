// Scheduled scaling (after Alibaba Cloud Knative's timed scaling): cron-started
// windows that each hold a revision at or above a minimum scale, on top of the
// KPA or HPA. Evaluated on the reconciler's clock; the PodAutoscaler is
// reconciled again at the next window boundary.
import { parseGoDuration, SCALE_SCHEDULE_ANNOTATION_KEY } from '@knot/api';
import { Cron } from 'croner';

/** One window: opens at each time `schedule` fires and stays open for `durationMs`. */
export interface ScheduleWindow {
  readonly schedule: string;
  readonly durationMs: number;
  readonly minScale: number;
  readonly timezone: string;
  readonly cron: Cron;
}

/** The annotation does not describe a schedule; the message names the window and field. */
export class ScaleScheduleError extends Error {
  override readonly name = 'ScaleScheduleError';
  readonly code = 'ERR_BAD_SCALE_SCHEDULE';
}

const MAX_WINDOWS = 32;
const MAX_DURATION_MS = 366 * 24 * 3600_000;
const INT32_MAX = 2 ** 31 - 1;
/** Longer waits are cut so a timer never overflows; the reconcile then simply looks again. */
export const MAX_SCHEDULE_REQUEUE_MS = 24 * 3600_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the annotation's JSON array of windows; throws ScaleScheduleError naming the first problem. */
export function parseScaleSchedule(value: string): ScheduleWindow[] {
  const fail = (where: string, problem: string): never => {
    throw new ScaleScheduleError(`${SCALE_SCHEDULE_ANNOTATION_KEY}${where}: ${problem}`);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return fail('', 'not JSON; want an array of {"schedule", "duration", "minScale"} windows');
  }
  if (!Array.isArray(doc)) return fail('', 'must be a JSON array of windows');
  if (doc.length > MAX_WINDOWS) fail('', `at most ${MAX_WINDOWS} windows, got ${doc.length}`);
  return doc.map((item: unknown, i) => {
    const at = `[${i}]`;
    if (!isRecord(item)) return fail(at, 'must be an object');
    const { schedule, duration, minScale, timezone = 'UTC' } = item;
    if (typeof schedule !== 'string' || schedule.trim() === '') return fail(`${at}.schedule`, 'must be a cron expression such as "0 9 * * 1-5"');
    if (typeof timezone !== 'string' || !isTimeZone(timezone)) return fail(`${at}.timezone`, `unknown time zone ${JSON.stringify(timezone)}`);
    let cron: Cron;
    try {
      cron = new Cron(schedule, { timezone, paused: true });
    } catch (err) {
      return fail(`${at}.schedule`, `invalid cron expression ${JSON.stringify(schedule)}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const durationMs = typeof duration === 'string' ? parseGoDuration(duration) : undefined;
    if (durationMs === undefined || durationMs <= 0 || durationMs > MAX_DURATION_MS) return fail(`${at}.duration`, `must be a Go duration between 1s and 8784h, such as "9h", got ${JSON.stringify(duration)}`);
    if (typeof minScale !== 'number' || !Number.isInteger(minScale) || minScale < 0 || minScale > INT32_MAX) return fail(`${at}.minScale`, `must be an integer between 0 and ${INT32_MAX}, got ${JSON.stringify(minScale)}`);
    return { schedule, durationMs, minScale, timezone, cron };
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

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
