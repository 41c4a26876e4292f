import { parseScaleSchedule } from '@knot/api';
import { FakeClock } from '@knot/runtime/testing';
import { evaluateSchedule, MAX_SCHEDULE_REQUEUE_MS } from './scale-schedule.js';

const H = 3600_000;
const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday
const officeHours = JSON.stringify([{ schedule: '0 9 * * 1-5', duration: '9h', minScale: 5 }]);

describe('evaluateSchedule on a fake clock', () => {
  test('entering and leaving an office-hours window, with the time to the next boundary', () => {
    const windows = parseScaleSchedule(officeHours);
    const clock = new FakeClock(MONDAY + 8 * H);
    expect(evaluateSchedule(windows, clock.now())).toEqual({ minScale: 0, nextChangeMs: H });
    clock.advance(H);
    expect(evaluateSchedule(windows, clock.now())).toEqual({ minScale: 5, nextChangeMs: 9 * H });
    clock.advance(9 * H - 1000);
    expect(evaluateSchedule(windows, clock.now())).toEqual({ minScale: 5, nextChangeMs: 1000 });
    clock.advance(1000);
    // Closed at 18:00; it opens again on Tuesday at 9:00.
    expect(evaluateSchedule(windows, clock.now())).toEqual({ minScale: 0, nextChangeMs: 15 * H });
  });

  test('the weekend has no window; the wait is cut at a day', () => {
    const windows = parseScaleSchedule(officeHours);
    const saturday = MONDAY + 5 * 24 * H + 12 * H;
    expect(evaluateSchedule(windows, saturday)).toEqual({ minScale: 0, nextChangeMs: MAX_SCHEDULE_REQUEUE_MS });
  });

  test('overlapping windows take the largest minimum', () => {
    const windows = parseScaleSchedule(JSON.stringify([
      { schedule: '0 9 * * *', duration: '9h', minScale: 2 },
      { schedule: '0 12 * * *', duration: '1h', minScale: 10 },
    ]));
    expect(evaluateSchedule(windows, MONDAY + 12.5 * H).minScale).toBe(10);
    expect(evaluateSchedule(windows, MONDAY + 13 * H).minScale).toBe(2);
  });

  test('a window in another time zone opens at its local time', () => {
    const windows = parseScaleSchedule(JSON.stringify([{ schedule: '0 9 * * *', duration: '1h', minScale: 3, timezone: 'Asia/Shanghai' }]));
    // 9:00 in Shanghai is 1:00 UTC.
    expect(evaluateSchedule(windows, MONDAY + 1 * H).minScale).toBe(3);
    expect(evaluateSchedule(windows, MONDAY + 9 * H).minScale).toBe(0);
  });
});
