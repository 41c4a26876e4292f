// The JSONPath subset printer columns use: `.field`, `['quoted\.key']`,
// `[index]` and `[?(@.field=="value")]` filters. Evaluation never throws; a path
// that does not resolve (or does not parse) yields undefined.

type Step = { readonly key: string } | { readonly index: number } | { readonly field: string; readonly equals: string };

const FILTER = /^\[\?\(@\.([A-Za-z0-9_]+)\s*==\s*(?:"([^"]*)"|'([^']*)')\)\]/;

/** The steps of a path, or undefined when it uses syntax outside the subset. */
export function parseJsonPath(path: string): Step[] | undefined {
  const steps: Step[] = [];
  let rest = path.trim().replace(/^\{(.*)\}$/, '$1').replace(/^\$/, '');
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([A-Za-z0-9_-]+)/.exec(rest))) steps.push({ key: m[1] ?? '' });
    else if ((m = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest)) || (m = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest))) steps.push({ key: (m[1] ?? '').replace(/\\(.)/g, '$1') });
    else if ((m = /^\[(\d+)\]/.exec(rest))) steps.push({ index: Number(m[1]) });
    else if ((m = FILTER.exec(rest))) steps.push({ field: m[1] ?? '', equals: m[2] ?? m[3] ?? '' });
    else return undefined;
    rest = rest.slice(m[0].length);
  }
  return steps;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first value the path reaches in `obj`. */
export function evaluateJsonPath(obj: unknown, steps: readonly Step[]): unknown {
  let values: unknown[] = [obj];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of values) {
      if ('key' in step) {
        if (isRecord(v) && Object.hasOwn(v, step.key)) next.push(v[step.key]);
      } else if ('index' in step) {
        if (Array.isArray(v) && step.index < v.length) next.push(v[step.index]);
      } else if (Array.isArray(v)) {
        for (const item of v) if (isRecord(item) && item[step.field] === step.equals) next.push(item);
      }
    }
    values = next;
  }
  return values[0];
}
