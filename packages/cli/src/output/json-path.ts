// Just enough JSONPath for CRD printer columns: `.a.b`, `[0]`, `['x\.y']`
// (escaped dots in label keys) and `[?(@.type=="Ready")]`.

type Step = { key: string } | { index: number } | { field: string; equals: string };

export function jsonPathValue(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const step of parse(path)) {
    if (current === undefined || current === null) return undefined;
    if ('key' in step) current = (current as Record<string, unknown>)[step.key];
    else if ('index' in step) current = Array.isArray(current) ? (current as unknown[])[step.index] : undefined;
    else current = Array.isArray(current) ? (current as unknown[]).find((item) => isRecord(item) && item[step.field] === step.equals) : undefined;
  }
  return current;
}

/** A column cell: strings as they are, numbers and booleans printed, objects as JSON, missing as ''. */
export function jsonPathText(root: unknown, path: string): string {
  const v = jsonPathValue(root, path);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function parse(path: string): Step[] {
  const steps: Step[] = [];
  const re = /\.((?:\\\.|[^.[])+)|\[(\d+)\]|\['((?:\\.|[^'])*)'\]|\[\?\(@\.(\w+)=="([^"]*)"\)\]/gy;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) steps.push({ key: m[1].replaceAll('\\.', '.') });
    else if (m[2] !== undefined) steps.push({ index: Number(m[2]) });
    else if (m[3] !== undefined) steps.push({ key: m[3].replaceAll('\\.', '.') });
    else steps.push({ field: m[4] ?? '', equals: m[5] ?? '' });
    if (re.lastIndex === path.length) break;
  }
  return steps;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
