/** The names in a comma-separated annotation such as serving.knative.dev/routes (Knative's GetListAnnValue). */
export function listAnnotation(annotations: Readonly<Record<string, string>> | undefined, key: string): Set<string> {
  const value = annotations?.[key];
  return new Set(value ? value.split(',') : []);
}

/** The sorted, comma-joined form Knative writes. */
export function joinListAnnotation(names: Iterable<string>): string {
  return [...names].sort().join(',');
}
