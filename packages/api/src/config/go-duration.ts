// Go's time.ParseDuration and Duration.String, so config maps written for Knative
// (`60s`, `1m30s`, `1.5h`) mean the same here. Durations are milliseconds.

const NS_PER_MS = 1_000_000n;
const MAX_NS = (1n << 63n) - 1n;

const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;

// A Map, not an object literal, so a unit like `toString` is simply unknown.
const UNIT_NS: ReadonlyMap<string, bigint> = new Map([
  ['ns', 1n],
  ['us', 1_000n],
  ['\u00b5s', 1_000n], // micro sign
  ['\u03bcs', 1_000n], // Greek mu
  ['ms', NS_PER_MS],
  ['s', NS_PER_S],
  ['m', NS_PER_M],
  ['h', NS_PER_H],
]);

const COMPONENT = /^(\d*)(?:\.(\d*))?([^\d.]*)/;

/** Parses a Go duration string into nanoseconds; undefined when Go would reject it. */
function parseNanos(text: string): bigint | undefined {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  while (s !== '') {
    const m = COMPONENT.exec(s);
    if (!m || m[0] === '') return undefined;
    const [whole, int = '', frac, unit = ''] = m;
    if (int === '' && (frac === undefined || frac === '')) return undefined;
    const scale = UNIT_NS.get(unit);
    if (scale === undefined) return undefined;
    total += BigInt(int || '0') * scale;
    if (frac) total += (BigInt(frac) * scale) / 10n ** BigInt(frac.length);
    if (total > MAX_NS + (negative ? 1n : 0n)) return undefined;
    s = s.slice(whole.length);
  }
  return negative ? -total : total;
}

/** Go's `time.ParseDuration`, in milliseconds (fractions keep sub-millisecond parts); undefined if invalid. */
export function parseGoDuration(text: string): number | undefined {
  const ns = parseNanos(text);
  if (ns === undefined) return undefined;
  const ms = ns / NS_PER_MS;
  return Number(ms) + Number(ns - ms * NS_PER_MS) / 1e6;
}

/** Milliseconds in a Go duration with no fraction of a second left over (`1m30s` yes, `1.5s` no). */
export function isWholeSeconds(ms: number): boolean {
  return Number.isFinite(ms) && ms % 1000 === 0;
}

function decimal(value: bigint, digits: number): string {
  const base = 10n ** BigInt(digits);
  const frac = (value % base).toString().padStart(digits, '0').replace(/0+$/, '');
  return frac ? `${value / base}.${frac}` : `${value / base}`;
}

/** Go's `Duration.String` for a duration in milliseconds: `1h0m0s`, `1m30s`, `1.5s`, `500ms`, `0s`. */
export function formatGoDuration(ms: number): string {
  let ns = BigInt(Math.round(ms * 1e6));
  const sign = ns < 0n ? '-' : '';
  if (ns < 0n) ns = -ns;
  if (ns === 0n) return '0s';
  if (ns < 1_000n) return `${sign}${ns}ns`;
  if (ns < 1_000_000n) return `${sign}${decimal(ns, 3)}µs`;
  if (ns < 1_000_000_000n) return `${sign}${decimal(ns, 6)}ms`;
  const h = ns / NS_PER_H;
  const m = (ns % NS_PER_H) / NS_PER_M;
  const s = decimal(ns % NS_PER_M, 9);
  return `${sign}${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${s}s`;
}
