import { FakeClock } from '@knot/runtime/testing';
import { evaluateSchedule, MAX_SCHEDULE_REQUEUE_MS, parseScaleSchedule, ScaleScheduleError } from './scale-schedule.js';

const H = 3600_000;
const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday
const officeHours = JSON.stringify([{ schedule: '0 9 * * 1-5', duration: '9h', minScale: 5 }]);

describe('parseScaleSchedule', () => {
  test.each([
    { name: 'not JSON', value: '9-18=5', problem: 'autoscaling.knative.dev/scale-schedule: not JSON' },
    { name: 'not an array', value: '{"schedule":"0 9 * * *"}', problem: 'must be a JSON array' },
    { name: 'a window that is not an object', value: '[3]', problem: '[0]: must be an object' },
    { name: 'a bad cron expression', value: '[{"schedule":"0 25 * * *","duration":"1h","minScale":1}]', problem: '[0].schedule: invalid cron expression "0 25 * * *"' },
    { name: 'a missing schedule', value: '[{"duration":"1h","minScale":1}]', problem: '[0].schedule: must be a cron expression' },
    { name: 'a bad duration', value: '[{"schedule":"0 9 * * *","duration":"9 hours","minScale":1}]', problem: '[0].duration: must be a Go duration' },
    { name: 'a zero duration', value: '[{"schedule":"0 9 * * *","duration":"0s","minScale":1}]', problem: '[0].duration' },
    { name: 'a negative minScale', value: '[{"schedule":"0 9 * * *","duration":"1h","minScale":-1}]', problem: '[0].minScale: must be an integer' },
    { name: 'a fractional minScale', value: '[{"schedule":"0 9 * * *","duration":"1h","minScale":1.5}]', problem: '[0].minScale' },
    { name: 'an unknown time zone', value: '[{"schedule":"0 9 * * *","duration":"1h","minScale":1,"timezone":"Mars/Olympus"}]', problem: '[0].timezone: unknown time zone "Mars/Olympus"' },
    { name: 'too many windows', value: JSON.stringify(Array.from({ length: 33 }, () => ({ schedule: '0 9 * * *', duration: '1h', minScale: 1 }))), problem: 'at most 32 windows' },
  ])('refuses $name, naming the problem', ({ value, problem }) => {
    expect(() => parseScaleSchedule(value)).toThrow(ScaleScheduleError);
    expect(() => parseScaleSchedule(value)).toThrow(problem);
  });

  test('reads windows with their defaults', () => {
    const [w] = parseScaleSchedule(officeHours);
    expect(w).toMatchObject({ schedule: '0 9 * * 1-5', durationMs: 9 * H, minScale: 5, timezone: 'UTC' });
  });
});

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
