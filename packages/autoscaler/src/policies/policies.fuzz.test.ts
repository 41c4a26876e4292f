// Hostile policy annotations: whatever a PodAutoscaler carries, reading its
// policies never throws; a bad value comes back as a problem naming the annotation.
import fc from 'fast-check';
import { pa } from '../reconciler/testing/pa-fixtures.js';
import { readPolicies } from './policies.js';

const NOW = Date.UTC(2024, 0, 1);
const window = fc.record(
  {
    schedule: fc.oneof(fc.constantFrom('0 9 * * 1-5', '*/5 * * * *', '0 0 29 2 *', '61 * * * *', ''), fc.string()),
    duration: fc.oneof(fc.constantFrom('9h', '1s', '0s', '-1h', '99999h'), fc.string(), fc.integer()),
    minScale: fc.oneof(fc.integer(), fc.double(), fc.string()),
    timezone: fc.oneof(fc.constantFrom('UTC', 'Asia/Shanghai', 'Nowhere/City'), fc.string()),
  },
  { requiredKeys: [] },
);
const scheduleValue = fc.oneof(fc.string(), fc.json(), fc.array(window, { maxLength: 40 }).map((w) => JSON.stringify(w)));
const reserveValue = fc.oneof(fc.string(), fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 5 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join(',')));

test('readPolicies never throws and names the annotation of every problem', () => {
  fc.assert(
    fc.property(fc.option(scheduleValue, { nil: undefined }), fc.option(reserveValue, { nil: undefined }), (schedule, reserve) => {
      const annotations: Record<string, string> = {};
      if (schedule !== undefined) annotations['autoscaling.knative.dev/scale-schedule'] = schedule;
      if (reserve !== undefined) annotations['autoscaling.knative.dev/reserve-instance-resources'] = reserve;
      const p = readPolicies(pa({ annotations }), NOW);
      if (schedule === undefined && reserve === undefined) expect(p.problems).toBeUndefined();
      for (const problem of p.problems ?? []) expect(problem).toMatch(/^autoscaling\.knative\.dev\/(scale-schedule|reserve-instance-resources)/);
      expect(Number.isInteger(p.scheduledMinScale) && p.scheduledMinScale >= 0).toBe(true);
      if (p.nextScheduleChangeMs !== undefined) expect(p.nextScheduleChangeMs).toBeGreaterThan(0);
    }),
    { numRuns: 300 },
  );
});
