/** RFC 3339 in UTC with whole seconds, as Kubernetes serializes metav1.Time (condition and metadata times). */
export function formatMetaTime(now: Date | number): string {
  const ms = typeof now === 'number' ? now : now.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
