/** Milliseconds since the epoch; 0 for a missing or unparsable time, so it sorts oldest. */
export function timeOf(time: string | undefined): number {
  if (!time) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : ms;
}
