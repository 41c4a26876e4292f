// Aligned columns as kubectl and kn print them: upper-case headers, three
// spaces between columns, no trailing blanks.

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const all = [headers.map((h) => h.toUpperCase()), ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all.map((row) =>
    headers
      .map((_, i) => (i === headers.length - 1 ? (row[i] ?? '') : (row[i] ?? '').padEnd(widths[i] ?? 0)))
      .join('   ')
      .trimEnd(),
  );
}
