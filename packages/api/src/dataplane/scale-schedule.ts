// The scale-schedule annotation's value: cron-started windows that each hold a
// revision at or above a minimum scale. Parsed here so the webhook refuses what
// the autoscaler could not use; the autoscaler evaluates the windows.
import { Cron } from 'croner';
import { parseGoDuration } from '../duration.js';
import { SCALE_SCHEDULE_ANNOTATION_KEY } from './autoscaler-policies.js';

/** One window: opens at each time `schedule` fires and stays open for `durationMs`. */
export interface ScheduleWindow {
  readonly schedule: string;
  readonly durationMs: number;
  readonly minScale: number;
  readonly timezone: string;
  /** The schedule, read once; paused, so it never fires by itself. */
  readonly cron: Cron;
}

/** The annotation does not describe a schedule; the message names the annotation, the window and the field. */
export class ScaleScheduleError extends Error {
  override readonly name = 'ScaleScheduleError';
  readonly code = 'ERR_BAD_SCALE_SCHEDULE';
  /** The message without the annotation's name: `[0].minScale: must be ...`, for a field error at the annotation. */
  readonly detail: string;

  constructor(where: string, problem: string) {
    super(`${SCALE_SCHEDULE_ANNOTATION_KEY}${where}: ${problem}`);
    this.detail = where === '' ? problem : `${where}: ${problem}`;
  }
}

export const MAX_SCHEDULE_WINDOWS = 32;
const MIN_DURATION_MS = 1000;
const MAX_DURATION_MS = 366 * 24 * 3600_000;
const INT32_MAX = 2 ** 31 - 1;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses the annotation's JSON array of windows; throws ScaleScheduleError naming the first problem. */
export function parseScaleSchedule(value: string): ScheduleWindow[] {
  const fail = (where: string, problem: string): never => {
    throw new ScaleScheduleError(where, problem);
  };
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return fail('', 'not JSON; want an array of {"schedule", "duration", "minScale"} windows');
  }
  if (!Array.isArray(doc)) return fail('', 'must be a JSON array of windows');
  if (doc.length > MAX_SCHEDULE_WINDOWS) fail('', `at most ${MAX_SCHEDULE_WINDOWS} windows, got ${doc.length}`);
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
    if (durationMs === undefined || durationMs < MIN_DURATION_MS || durationMs > MAX_DURATION_MS) {
      return fail(`${at}.duration`, `must be a Go duration between 1s and 8784h, such as "9h", got ${JSON.stringify(duration)}`);
    }
    if (typeof minScale !== 'number' || !Number.isInteger(minScale) || minScale < 0 || minScale > INT32_MAX) {
      return fail(`${at}.minScale`, `must be an integer between 0 and ${INT32_MAX}, got ${JSON.stringify(minScale)}`);
    }
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
