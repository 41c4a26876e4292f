import { formatMicroTime, leaderRecordOf, leaseSpecOf, parseMicroTime } from './lease-record.js';

test('MicroTime has six fractional digits and parses back to the millisecond', () => {
  const ms = Date.UTC(2024, 0, 2, 3, 4, 5, 67);
  expect(formatMicroTime(ms)).toBe('2024-01-02T03:04:05.067000Z');
  expect(parseMicroTime(formatMicroTime(ms))).toBe(ms);
  expect(parseMicroTime('2024-01-02T03:04:05.067891Z')).toBe(ms);
});

test.each([
  { name: 'missing spec', spec: undefined, want: { holderIdentity: '', leaseDurationSeconds: 0, acquireTime: 0, renewTime: 0, leaseTransitions: 0 } },
  { name: 'garbage fields read as unset', spec: { holderIdentity: 3, renewTime: 'yesterday' }, want: { holderIdentity: '', leaseDurationSeconds: 0, acquireTime: 0, renewTime: 0, leaseTransitions: 0 } },
  {
    name: 'full spec',
    spec: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: '2024-01-01T00:00:00.000000Z', renewTime: '2024-01-01T00:00:02.000000Z', leaseTransitions: 4 },
    want: { holderIdentity: 'pod-a', leaseDurationSeconds: 15, acquireTime: Date.UTC(2024, 0, 1), renewTime: Date.UTC(2024, 0, 1, 0, 0, 2), leaseTransitions: 4 },
  },
])('$name', ({ spec, want }) => {
  expect(leaderRecordOf({ spec: spec as never })).toEqual(want);
});

test('a released record leaves holderIdentity out', () => {
  const spec = leaseSpecOf({ holderIdentity: '', leaseDurationSeconds: 1, acquireTime: 0, renewTime: 0, leaseTransitions: 2 });
  expect(spec).not.toHaveProperty('holderIdentity');
  expect(spec).toMatchObject({ leaseDurationSeconds: 1, leaseTransitions: 2, renewTime: '1970-01-01T00:00:00.000000Z' });
});
