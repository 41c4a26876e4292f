import fc from 'fast-check';
import type { Condition, Status } from '../duck/condition.js';
import { newLivingConditionSet } from './condition-set.js';

const DEPENDENTS = ['A', 'B', 'C'] as const;
const set = newLivingConditionSet(...DEPENDENTS);

const opArb = fc.record({
  op: fc.constantFrom('true', 'trueWithReason', 'false', 'unknown'),
  type: fc.constantFrom('A', 'B', 'C', 'Extra'),
  reason: fc.constantFrom('R1', 'R2'),
  message: fc.constantFrom('m1', 'm2'),
});

function sameButTime(a: Condition, b: Condition): boolean {
  return a.status === b.status && a.severity === b.severity && a.reason === b.reason && a.message === b.message;
}

describe('condition manager properties', () => {
  test('Ready is True iff every dependent is True, False iff one is False; unchanged conditions keep their time', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        let t = Date.parse('2024-01-01T00:00:00Z');
        const status: Status = {};
        const m = set.manage(status, { now: () => t });
        m.initializeConditions();
        for (const o of ops) {
          t += 1000;
          const before = structuredClone(status.conditions ?? []);
          if (o.op === 'true') m.markTrue(o.type);
          else if (o.op === 'trueWithReason') m.markTrueWithReason(o.type, o.reason, o.message);
          else if (o.op === 'false') m.markFalse(o.type, o.reason, o.message);
          else m.markUnknown(o.type, o.reason, o.message);

          const deps = DEPENDENTS.map((d) => m.getCondition(d)?.status);
          const ready = m.getCondition('Ready')?.status;
          const want = deps.every((s) => s === 'True') ? 'True' : deps.some((s) => s === 'False') ? 'False' : 'Unknown';
          expect(ready).toBe(want);
          for (const old of before) {
            const now = m.getCondition(old.type);
            if (now && sameButTime(old, now)) expect(now.lastTransitionTime).toBe(old.lastTransitionTime);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
