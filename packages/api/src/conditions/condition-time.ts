/** RFC 3339 in UTC with whole seconds, as Kubernetes serializes metav1.Time. */
export function formatConditionTime(now: Date | number): string {
  const ms = typeof now === 'number' ? now : now.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** Milliseconds since the epoch; 0 for a missing or unparsable time, so it sorts oldest. */
export function timeOf(time: string | undefined): number {
  if (!time) return 0;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 0 : ms;
}
