// Ages in kubectl's short form: 45s, 5m30s, 3h, 2d4h, 1y20d.

export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '<invalid>';
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (d < 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}

/** Age of an RFC 3339 timestamp at `now`; empty when there is none. */
export function age(timestamp: string | Date | undefined, now: number): string {
  if (timestamp === undefined) return '';
  const t = timestamp instanceof Date ? timestamp.getTime() : Date.parse(timestamp);
  return Number.isNaN(t) ? '' : humanDuration(now - t);
}
