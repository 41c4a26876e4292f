// The objects a command line names: `KIND[,KIND] [NAME...]` or `KIND/NAME ...`.
import type { ResourceType } from '@knot/api';
import { UsageError } from '../errors.js';
import { resolveKind } from './kinds.js';

export interface KindTargets {
  readonly rt: ResourceType;
  /** Empty: every object of the kind. */
  readonly names: readonly string[];
}

export function parseTargets(positionals: readonly string[], what = 'resource type'): KindTargets[] {
  const [first, ...rest] = positionals;
  if (first === undefined || first === '') throw new UsageError('MISSING_ARGUMENT', `missing the ${what}, e.g. ksvc, rev, route, pods`);
  if (first.includes('/')) {
    const byKind = new Map<ResourceType, string[]>();
    for (const word of positionals) {
      const slash = word.indexOf('/');
      if (slash <= 0 || slash === word.length - 1) throw new UsageError('BAD_FLAG', `${JSON.stringify(word)}: expected KIND/NAME when the first argument is KIND/NAME`);
      const rt = resolveKind(word.slice(0, slash));
      byKind.set(rt, [...(byKind.get(rt) ?? []), word.slice(slash + 1)]);
    }
    return [...byKind].map(([rt, names]) => ({ rt, names }));
  }
  const kinds = first.split(',').filter((k) => k !== '').map((k) => resolveKind(k));
  if (kinds.length === 0) throw new UsageError('MISSING_ARGUMENT', `missing the ${what}`);
  if (kinds.length > 1 && rest.length > 0) throw new UsageError('EXTRA_ARGUMENT', 'names need exactly one kind; use KIND/NAME to name objects of several kinds');
  for (const name of rest) if (name.includes('/')) throw new UsageError('BAD_FLAG', `${JSON.stringify(name)}: KIND/NAME cannot follow a kind`);
  return kinds.map((rt) => ({ rt, names: rest }));
}
