import type { Condition, Status } from '../duck/condition.js';
import { ConditionError } from './condition-manager.js';
import { newBatchConditionSet, newLivingConditionSet } from './condition-set.js';

const T0 = Date.parse('2024-03-01T10:00:00Z');

/** A fake clock that advances only when told. */
function fakeClock(): { now: () => number; advance: (s: number) => void } {
  let t = T0;
  return { now: () => t, advance: (s) => (t += s * 1000) };
}

function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

const set = newLivingConditionSet('ConfigurationsReady', 'RoutesReady');

type Op =
  | { op: 'true'; type: string }
  | { op: 'trueWithReason'; type: string; reason: string; message: string }
  | { op: 'false'; type: string; reason: string; message: string }
  | { op: 'unknown'; type: string; reason: string; message: string };

function apply(status: Status, ops: readonly Op[], clock = fakeClock()): void {
  const m = set.manage(status, { now: clock.now });
  for (const o of ops) {
    clock.advance(1);
    if (o.op === 'true') m.markTrue(o.type);
    else if (o.op === 'trueWithReason') m.markTrueWithReason(o.type, o.reason, o.message);
    else if (o.op === 'false') m.markFalse(o.type, o.reason, o.message);
    else m.markUnknown(o.type, o.reason, o.message);
  }
}

function ready(status: Status): Pick<Condition, 'status' | 'reason' | 'message'> | undefined {
  const c = status.conditions?.find((x) => x.type === 'Ready');
  return c && { status: c.status, reason: c.reason, message: c.message };
}

describe('Ready derivation', () => {
  test.each<{ name: string; ops: Op[]; want: Pick<Condition, 'status' | 'reason' | 'message'> }>([
    {
      name: 'all dependents True makes Ready True',
      ops: [{ op: 'true', type: 'ConfigurationsReady' }, { op: 'true', type: 'RoutesReady' }],
      want: { status: 'True', reason: undefined, message: undefined },
    },
    {
      name: 'a dependent never set keeps Ready Unknown',
      ops: [{ op: 'true', type: 'ConfigurationsReady' }],
      want: { status: 'Unknown', reason: undefined, message: undefined },
    },
    {
      name: 'a False dependent makes Ready False with its reason and message',
      ops: [
        { op: 'false', type: 'RoutesReady', reason: 'IngressNotConfigured', message: 'no ingress' },
        { op: 'true', type: 'ConfigurationsReady' },
      ],
      want: { status: 'False', reason: 'IngressNotConfigured', message: 'no ingress' },
    },
    {
      name: 'an Unknown dependent makes Ready Unknown with its reason',
      ops: [
        { op: 'true', type: 'ConfigurationsReady' },
        { op: 'unknown', type: 'RoutesReady', reason: 'Deploying', message: 'waiting' },
      ],
      want: { status: 'Unknown', reason: 'Deploying', message: 'waiting' },
    },
    {
      name: 'False trumps a later Unknown',
      ops: [
        { op: 'false', type: 'ConfigurationsReady', reason: 'RevisionFailed', message: 'bad image' },
        { op: 'unknown', type: 'RoutesReady', reason: 'Deploying', message: 'waiting' },
      ],
      want: { status: 'False', reason: 'RevisionFailed', message: 'bad image' },
    },
    {
      name: 'the most recently failed dependent wins',
      ops: [
        { op: 'false', type: 'ConfigurationsReady', reason: 'Old', message: 'old failure' },
        { op: 'false', type: 'RoutesReady', reason: 'New', message: 'new failure' },
        { op: 'true', type: 'Informational' },
      ],
      want: { status: 'False', reason: 'New', message: 'new failure' },
    },
    {
      name: 'recovering one dependent surfaces the other failure',
      ops: [
        { op: 'false', type: 'RoutesReady', reason: 'R', message: 'routes down' },
        { op: 'false', type: 'ConfigurationsReady', reason: 'C', message: 'config down' },
        { op: 'true', type: 'ConfigurationsReady' },
      ],
      want: { status: 'False', reason: 'R', message: 'routes down' },
    },
    {
      name: 'a False non-dependent does not affect Ready',
      ops: [
        { op: 'true', type: 'ConfigurationsReady' },
        { op: 'true', type: 'RoutesReady' },
        { op: 'false', type: 'CertificateProvisioned', reason: 'NoCert', message: 'x' },
      ],
      want: { status: 'True', reason: undefined, message: undefined },
    },
    {
      name: 'an Unknown non-dependent does not affect Ready',
      ops: [
        { op: 'true', type: 'ConfigurationsReady' },
        { op: 'true', type: 'RoutesReady' },
        { op: 'unknown', type: 'CertificateProvisioned', reason: 'Pending', message: 'x' },
      ],
      want: { status: 'True', reason: undefined, message: undefined },
    },
    {
      name: 'marking Ready False directly does not touch dependents',
      ops: [
        { op: 'true', type: 'ConfigurationsReady' },
        { op: 'true', type: 'RoutesReady' },
        { op: 'false', type: 'Ready', reason: 'Halted', message: 'stop' },
      ],
      want: { status: 'False', reason: 'Halted', message: 'stop' },
    },
    {
      name: 'markTrueWithReason keeps the reason on the dependent but Ready is plain True',
      ops: [
        { op: 'trueWithReason', type: 'ConfigurationsReady', reason: 'Pinned', message: 'pinned' },
        { op: 'true', type: 'RoutesReady' },
      ],
      want: { status: 'True', reason: undefined, message: undefined },
    },
  ])('$name', ({ ops, want }) => {
    const status: Status = {};
    apply(status, ops);
    expect(ready(status)).toEqual(want);
  });

  test('a set without dependents makes Ready True on any markTrue', () => {
    const status: Status = {};
    const m = newLivingConditionSet().manage(status);
    m.markTrue('Ready');
    expect(m.isHappy()).toBe(true);
  });

  test('batch sets derive Succeeded', () => {
    const status: Status = {};
    const m = newBatchConditionSet('Built').manage(status);
    m.markTrue('Built');
    expect(m.getTopLevelCondition()).toMatchObject({ type: 'Succeeded', status: 'True' });
    expect(status.conditions?.some((c) => c.type === 'Ready')).toBe(false);
  });
});

describe('lastTransitionTime', () => {
  test('a no-op mark keeps the time; a change takes the current time', () => {
    const clock = fakeClock();
    const status: Status = {};
    const m = set.manage(status, { now: clock.now });
    m.markTrue('ConfigurationsReady');
    m.markTrue('RoutesReady');
    const first = structuredClone(status);
    expect(first.conditions?.map((c) => c.lastTransitionTime)).toEqual([at(0), at(0), at(0)]);

    clock.advance(30);
    m.markTrue('RoutesReady');
    m.markTrue('ConfigurationsReady');
    expect(status).toEqual(first);

    clock.advance(30);
    m.markFalse('RoutesReady', 'Broken', 'broke');
    expect(m.getCondition('RoutesReady')?.lastTransitionTime).toBe(at(60));
    expect(m.getCondition('Ready')?.lastTransitionTime).toBe(at(60));
    expect(m.getCondition('ConfigurationsReady')?.lastTransitionTime).toBe(at(0));

    clock.advance(30);
    m.markFalse('RoutesReady', 'Broken', 'broke');
    expect(m.getCondition('Ready')?.lastTransitionTime).toBe(at(60));
  });

  test('a message change on the same status takes a new time, as in Knative', () => {
    const clock = fakeClock();
    const status: Status = {};
    const m = set.manage(status, { now: clock.now });
    m.markUnknown('RoutesReady', 'Deploying', 'waiting for %d pods', 2);
    clock.advance(5);
    m.markUnknown('RoutesReady', 'Deploying', 'waiting for %d pods', 1);
    expect(m.getCondition('RoutesReady')).toEqual({
      type: 'RoutesReady',
      status: 'Unknown',
      lastTransitionTime: at(5),
      reason: 'Deploying',
      message: 'waiting for 1 pods',
    });
  });

  test('times are whole seconds in UTC; the default clock is real time', () => {
    const status: Status = {};
    const before = Math.floor(Date.now() / 1000) * 1000;
    set.manage(status).markTrue('RoutesReady');
    const t = m(status, 'RoutesReady').lastTransitionTime ?? '';
    expect(t).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(t)).toBeGreaterThanOrEqual(before);
    set.manage(status, { now: () => new Date('2024-05-05T01:02:03.999Z') }).markFalse('RoutesReady', 'X', 'y');
    expect(m(status, 'RoutesReady').lastTransitionTime).toBe('2024-05-05T01:02:03Z');
  });
});

function m(status: Status, type: string): Condition {
  const c = status.conditions?.find((x) => x.type === type);
  if (!c) throw new Error(`no ${type}`);
  return c;
}

describe('severity and shape', () => {
  test('dependents carry no severity; other conditions are Info and never affect Ready', () => {
    const status: Status = {};
    apply(status, [
      { op: 'false', type: 'Informational', reason: 'Meh', message: 'not important' },
      { op: 'true', type: 'RoutesReady' },
      { op: 'true', type: 'ConfigurationsReady' },
    ]);
    expect(m(status, 'Informational').severity).toBe('Info');
    expect('severity' in m(status, 'RoutesReady')).toBe(false);
    expect('severity' in m(status, 'Ready')).toBe(false);
    expect(m(status, 'Ready').status).toBe('True');
  });

  test('a Warning set explicitly on a non-dependent keeps Ready True', () => {
    const status: Status = {};
    const mgr = set.manage(status, { now: fakeClock().now });
    mgr.markTrue('RoutesReady');
    mgr.markTrue('ConfigurationsReady');
    mgr.setCondition({ type: 'Deprecated', status: 'False', severity: 'Warning', reason: 'OldAPI', message: 'v1alpha1' });
    mgr.markTrue('RoutesReady');
    expect(mgr.isHappy()).toBe(true);
    expect(mgr.getCondition('Deprecated')?.severity).toBe('Warning');
  });

  test('a dependent downgraded to Warning no longer fails Ready', () => {
    const status: Status = {};
    const mgr = set.manage(status, { now: fakeClock().now });
    mgr.markTrue('ConfigurationsReady');
    mgr.setCondition({ type: 'RoutesReady', status: 'False', severity: 'Warning', reason: 'Slow', message: 'slow' });
    mgr.markTrue('ConfigurationsReady');
    expect(mgr.getCondition('Ready')).toMatchObject({ status: 'Unknown' });
  });

  test('conditions are sorted by type and empty fields are omitted', () => {
    const status: Status = {};
    apply(status, [
      { op: 'true', type: 'RoutesReady' },
      { op: 'true', type: 'ConfigurationsReady' },
      { op: 'false', type: 'Active', reason: 'NoTraffic', message: '' },
    ]);
    expect(status.conditions?.map((c) => c.type)).toEqual(['Active', 'ConfigurationsReady', 'Ready', 'RoutesReady']);
    expect(Object.keys(m(status, 'Ready'))).toEqual(['type', 'status', 'lastTransitionTime']);
    expect(Object.keys(m(status, 'Active'))).toEqual(['type', 'status', 'severity', 'lastTransitionTime', 'reason']);
  });

  test('a status read back from JSON without severity compares equal, so no write happens', () => {
    const clock = fakeClock();
    const status: Status = {};
    apply(status, [{ op: 'true', type: 'RoutesReady' }, { op: 'true', type: 'ConfigurationsReady' }], clock);
    const stored = JSON.parse(JSON.stringify(status)) as Status;
    clock.advance(100);
    const mgr = set.manage(stored, { now: clock.now });
    mgr.markTrue('RoutesReady');
    mgr.initializeConditions();
    expect(stored).toEqual(status);
  });

  test('getCondition returns a copy', () => {
    const status: Status = {};
    const mgr = set.manage(status);
    mgr.markTrue('RoutesReady');
    const c = mgr.getCondition('RoutesReady')!;
    c.status = 'False';
    expect(mgr.getCondition('RoutesReady')?.status).toBe('True');
  });
});

describe('initializeConditions', () => {
  test.each<{ name: string; before: Condition[]; want: Record<string, string> }>([
    { name: 'empty status: everything Unknown', before: [], want: { ConfigurationsReady: 'Unknown', Ready: 'Unknown', RoutesReady: 'Unknown' } },
    {
      name: 'Ready True: missing dependents start True',
      before: [{ type: 'Ready', status: 'True' }],
      want: { ConfigurationsReady: 'True', Ready: 'True', RoutesReady: 'True' },
    },
    {
      name: 'existing conditions are kept',
      before: [{ type: 'RoutesReady', status: 'False', reason: 'X' }],
      want: { ConfigurationsReady: 'Unknown', Ready: 'Unknown', RoutesReady: 'False' },
    },
  ])('$name', ({ before, want }) => {
    const status: Status = { conditions: before };
    set.manage(status).initializeConditions();
    expect(Object.fromEntries((status.conditions ?? []).map((c) => [c.type, c.status]))).toEqual(want);
  });
});

describe('clearCondition', () => {
  test('removes a non-terminal condition', () => {
    const status: Status = {};
    const mgr = set.manage(status);
    mgr.markFalse('Extra', 'R', 'm');
    mgr.markTrue('RoutesReady');
    mgr.clearCondition('Extra');
    mgr.clearCondition('NeverSet');
    expect(status.conditions?.map((c) => c.type)).toEqual(['Ready', 'RoutesReady']);
  });

  test.each(['Ready', 'RoutesReady'])('refuses terminal condition %s', (type) => {
    const status: Status = {};
    const mgr = set.manage(status);
    mgr.initializeConditions();
    expect(() => mgr.clearCondition(type)).toThrow(expect.objectContaining({ code: 'TerminalCondition' }) as Error);
    expect(() => mgr.clearCondition(type)).toThrow(ConditionError);
    expect(mgr.getCondition(type)).toBeDefined();
  });
});

describe('condition sets', () => {
  test('dependents are deduplicated and never include the happy condition', () => {
    const s = newLivingConditionSet('A', 'Ready', 'B', 'A');
    expect(s.dependents).toEqual(['A', 'B']);
    expect(s.isTerminal('Ready')).toBe(true);
    expect(s.isTerminal('C')).toBe(false);
  });
});
