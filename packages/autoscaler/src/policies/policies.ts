// The scaling policies a PodAutoscaler's annotations ask for, read once per reconcile.
import { parseReserveResources, parseScaleSchedule, RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY, SCALE_SCHEDULE_ANNOTATION_KEY, type PodAutoscaler } from '@knot/api';
import { evaluateSchedule } from './scale-schedule.js';

export interface Policies {
  /** The minimum scale of the open schedule windows; 0 when none is. */
  readonly scheduledMinScale: number;
  /** When to look again because a window opens or closes. */
  readonly nextScheduleChangeMs: number | undefined;
  /** Resources of the reserved instance, when that policy is on. */
  readonly reserve: Readonly<Record<string, string>> | undefined;
  /** undefined: no policy annotation; else what is wrong with them (empty when nothing). A bad policy is off. */
  readonly problems: readonly string[] | undefined;
}

export function readPolicies(pa: PodAutoscaler, now: number): Policies {
  const annotations = pa.metadata?.annotations ?? {};
  const scheduleValue = annotations[SCALE_SCHEDULE_ANNOTATION_KEY];
  const reserveValue = annotations[RESERVE_INSTANCE_RESOURCES_ANNOTATION_KEY];
  const problems: string[] = [];
  let scheduledMinScale = 0;
  let nextScheduleChangeMs: number | undefined;
  let reserve: Record<string, string> | undefined;
  if (scheduleValue !== undefined) {
    try {
      ({ minScale: scheduledMinScale, nextChangeMs: nextScheduleChangeMs } = evaluateSchedule(parseScaleSchedule(scheduleValue), now));
    } catch (err) {
      problems.push(messageOf(err));
    }
  }
  if (reserveValue !== undefined) {
    try {
      reserve = parseReserveResources(reserveValue);
    } catch (err) {
      problems.push(messageOf(err));
    }
  }
  const any = scheduleValue !== undefined || reserveValue !== undefined;
  return { scheduledMinScale, nextScheduleChangeMs, reserve, problems: any ? problems : undefined };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
