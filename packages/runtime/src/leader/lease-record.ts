import type { coordination } from '@knot/api';

/** The coordination.k8s.io/v1 Lease shape, taken from the resource registry. */
export type Lease = NonNullable<(typeof coordination.leases)['__type']>;

/** What a Lease's spec says about leadership; `holderIdentity` is '' when nobody holds it. */
export interface LeaderRecord {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  /** Milliseconds since the epoch; 0 when unset. */
  readonly acquireTime: number;
  readonly renewTime: number;
  readonly leaseTransitions: number;
}

/** Reads a Lease's spec leniently: missing or malformed fields read as "unset". */
export function leaderRecordOf(lease: Lease): LeaderRecord {
  const spec: Record<string, unknown> = { ...lease.spec };
  return {
    holderIdentity: typeof spec.holderIdentity === 'string' ? spec.holderIdentity : '',
    leaseDurationSeconds: typeof spec.leaseDurationSeconds === 'number' ? spec.leaseDurationSeconds : 0,
    acquireTime: parseMicroTime(spec.acquireTime),
    renewTime: parseMicroTime(spec.renewTime),
    leaseTransitions: typeof spec.leaseTransitions === 'number' ? spec.leaseTransitions : 0,
  };
}

/** The Lease spec for a record; an empty holder is left out, which is how a released lease looks. */
export function leaseSpecOf(record: LeaderRecord): NonNullable<Lease['spec']> {
  return {
    ...(record.holderIdentity ? { holderIdentity: record.holderIdentity } : {}),
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: formatMicroTime(record.acquireTime),
    renewTime: formatMicroTime(record.renewTime),
    leaseTransitions: record.leaseTransitions,
  };
}

/** Kubernetes MicroTime: RFC 3339 with six fractional digits, `2024-01-01T00:00:00.123000Z`. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '000Z');
}

export function parseMicroTime(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? 0 : ms;
}

export function sameRecord(a: LeaderRecord | undefined, b: LeaderRecord): boolean {
  return (
    a !== undefined &&
    a.holderIdentity === b.holderIdentity &&
    a.renewTime === b.renewTime &&
    a.acquireTime === b.acquireTime &&
    a.leaseTransitions === b.leaseTransitions &&
    a.leaseDurationSeconds === b.leaseDurationSeconds
  );
}
