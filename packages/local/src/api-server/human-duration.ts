// An age as kubectl shows it: two units while they say something, one after
// (90s, 5m30s, 45m, 3h20m, 20h, 3d4h, 40d, 2y100d, 9y).

export function humanDuration(ms: number): string {
  if (ms < -1000) return '<invalid>';
  const s = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  const y = Math.floor(d / 365);
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string): string => (small === 0 ? `${big}${bigUnit}` : `${big}${bigUnit}${small}${smallUnit}`);
  if (s < 120) return `${s}s`;
  if (m < 10) return pair(m, 'm', s % 60, 's');
  if (m < 180) return `${m}m`;
  if (h < 8) return pair(h, 'h', m % 60, 'm');
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return pair(d, 'd', h % 24, 'h');
  if (d < 365 * 2) return `${d}d`;
  if (d < 365 * 8) return pair(y, 'y', d % 365, 'd');
  return `${y}y`;
}
