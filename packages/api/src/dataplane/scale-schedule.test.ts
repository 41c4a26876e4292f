import { MAX_SCHEDULE_WINDOWS, parseScaleSchedule } from './scale-schedule.js';

const H = 3600_000;
const win = (w: Record<string, unknown>) => JSON.stringify([{ schedule: '0 9 * * *', duration: '1h', minScale: 1, ...w }]);

describe('parseScaleSchedule', () => {
  test.each([
    { name: 'not JSON', value: '9-18=5', detail: 'not JSON; want an array of {"schedule", "duration", "minScale"} windows' },
    { name: 'JSON that is not an array', value: '{"schedule":"0 9 * * *"}', detail: 'must be a JSON array of windows' },
    { name: 'a window that is not an object', value: '[3]', detail: '[0]: must be an object' },
    { name: 'a window that is an array', value: '[[]]', detail: '[0]: must be an object' },
    { name: 'a bad cron expression', value: win({ schedule: '0 25 * * *' }), detail: '[0].schedule: invalid cron expression "0 25 * * *": ' },
    { name: 'a cron expression with too few fields', value: win({ schedule: '9 * *' }), detail: '[0].schedule: invalid cron expression "9 * *"' },
    { name: 'a missing schedule', value: '[{"duration":"1h","minScale":1}]', detail: '[0].schedule: must be a cron expression such as "0 9 * * 1-5"' },
    { name: 'a blank schedule', value: win({ schedule: '  ' }), detail: '[0].schedule: must be a cron expression' },
    { name: 'a bad duration', value: win({ duration: '9 hours' }), detail: '[0].duration: must be a Go duration between 1s and 8784h, such as "9h", got "9 hours"' },
    { name: 'a duration without a unit', value: win({ duration: '60' }), detail: '[0].duration: must be a Go duration' },
    { name: 'a duration as a number', value: win({ duration: 3600 }), detail: '[0].duration: must be a Go duration between 1s and 8784h, such as "9h", got 3600' },
    { name: 'a missing duration', value: '[{"schedule":"0 9 * * *","minScale":1}]', detail: '[0].duration: must be a Go duration' },
    { name: 'a zero duration', value: win({ duration: '0s' }), detail: '[0].duration' },
    { name: 'a negative duration', value: win({ duration: '-1h' }), detail: '[0].duration' },
    { name: 'a duration under a second', value: win({ duration: '500ms' }), detail: '[0].duration' },
    { name: 'a duration over a leap year', value: win({ duration: '8785h' }), detail: '[0].duration' },
    { name: 'a negative minScale', value: win({ minScale: -1 }), detail: '[0].minScale: must be an integer between 0 and 2147483647, got -1' },
    { name: 'a fractional minScale', value: win({ minScale: 1.5 }), detail: '[0].minScale: must be an integer between 0 and 2147483647, got 1.5' },
    { name: 'a minScale as a string', value: win({ minScale: '5' }), detail: '[0].minScale: must be an integer between 0 and 2147483647, got "5"' },
    { name: 'a minScale over int32', value: win({ minScale: 2 ** 31 }), detail: '[0].minScale: must be an integer between 0 and 2147483647, got 2147483648' },
    { name: 'a missing minScale', value: '[{"schedule":"0 9 * * *","duration":"1h"}]', detail: '[0].minScale' },
    { name: 'an unknown time zone', value: win({ timezone: 'Mars/Olympus' }), detail: '[0].timezone: unknown time zone "Mars/Olympus"' },
    { name: 'a time zone that is not a string', value: win({ timezone: 8 }), detail: '[0].timezone: unknown time zone 8' },
    {
      name: 'a problem in a later window',
      value: JSON.stringify([{ schedule: '0 9 * * *', duration: '1h', minScale: 1 }, { schedule: '0 9 * * *', duration: '1h', minScale: -3 }]),
      detail: '[1].minScale',
    },
    {
      name: 'too many windows',
      value: JSON.stringify(Array.from({ length: MAX_SCHEDULE_WINDOWS + 1 }, () => ({ schedule: '0 9 * * *', duration: '1h', minScale: 1 }))),
      detail: 'at most 32 windows, got 33',
    },
  ])('refuses $name', ({ value, detail }) => {
    expect(() => parseScaleSchedule(value)).toThrow(expect.objectContaining({ name: 'ScaleScheduleError', code: 'ERR_BAD_SCALE_SCHEDULE', detail: expect.stringContaining(detail) as string }) as Error);
    // The whole message names the annotation too, for the PodAutoscaler's condition.
    expect(() => parseScaleSchedule(value)).toThrow(`autoscaling.knative.dev/scale-schedule${detail.startsWith('[') ? '' : ': '}${detail}`);
  });

  test.each([
    { name: 'no windows', value: '[]', want: [] },
    {
      name: 'office hours with the UTC default',
      value: JSON.stringify([{ schedule: '0 9 * * 1-5', duration: '9h', minScale: 5 }]),
      want: [{ schedule: '0 9 * * 1-5', durationMs: 9 * H, minScale: 5, timezone: 'UTC' }],
    },
    {
      name: 'seconds in the cron, a zone, minScale 0 and a compound duration',
      value: JSON.stringify([{ schedule: '30 0 12 * * *', duration: '1h30m', minScale: 0, timezone: 'Asia/Shanghai' }]),
      want: [{ schedule: '30 0 12 * * *', durationMs: 1.5 * H, minScale: 0, timezone: 'Asia/Shanghai' }],
    },
    {
      name: 'the bounds of duration and minScale',
      value: JSON.stringify([{ schedule: '@daily', duration: '1s', minScale: 2147483647 }, { schedule: '0 0 1 1 *', duration: '8784h', minScale: 1 }]),
      want: [
        { schedule: '@daily', durationMs: 1000, minScale: 2147483647, timezone: 'UTC' },
        { schedule: '0 0 1 1 *', durationMs: 8784 * H, minScale: 1, timezone: 'UTC' },
      ],
    },
    {
      name: 'unknown fields, which are ignored',
      value: JSON.stringify([{ schedule: '0 9 * * *', duration: '1h', minScale: 1, note: 'launch' }]),
      want: [{ schedule: '0 9 * * *', durationMs: H, minScale: 1, timezone: 'UTC' }],
    },
  ])('reads $name', ({ value, want }) => {
    const got = parseScaleSchedule(value);
    expect(got.map(({ cron: _cron, ...w }) => w)).toEqual(want);
  });

  test("each window's cron fires in its own zone", () => {
    const [w] = parseScaleSchedule(JSON.stringify([{ schedule: '0 9 * * *', duration: '1h', minScale: 1, timezone: 'Asia/Shanghai' }]));
    // 9:00 in Shanghai is 1:00 UTC.
    expect(w?.cron.nextRun(new Date(Date.UTC(2024, 0, 1)))?.toISOString()).toBe('2024-01-01T01:00:00.000Z');
  });
});
