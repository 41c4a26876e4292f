// kn's KEY=VALUE / KEY- lists (--env, --annotation, --label): set or remove.
import { UsageError } from '../errors.js';

export interface KeyValueEdits {
  readonly set: ReadonlyMap<string, string>;
  readonly remove: ReadonlySet<string>;
}

export function parseKeyValues(items: readonly string[], flag: string, allowRemove = true): KeyValueEdits {
  const set = new Map<string, string>();
  const remove = new Set<string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq > 0) {
      set.set(item.slice(0, eq), item.slice(eq + 1));
      remove.delete(item.slice(0, eq));
    } else if (allowRemove && item.length > 1 && item.endsWith('-') && eq < 0) {
      remove.add(item.slice(0, -1));
      set.delete(item.slice(0, -1));
    } else {
      throw new UsageError('BAD_FLAG', `${flag}: ${JSON.stringify(item)} is not KEY=VALUE${allowRemove ? ' or KEY-' : ''}`);
    }
  }
  return { set, remove };
}

/** A string map with the edits applied; undefined when it ends up empty. */
export function editMap(map: Readonly<Record<string, string>> | undefined, edits: KeyValueEdits, keep: (key: string) => boolean = () => true): Record<string, string> | undefined {
  const next: Record<string, string> = { ...map };
  for (const key of edits.remove) delete next[key];
  for (const [key, value] of edits.set) if (keep(key)) next[key] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}
