// The wording of the messages every validator shares.

export const REQUIRED = 'required';
export const DISALLOWED = 'must not be set';

export function notBetween(lo: number, hi: number, got: number): string {
  return `must be between ${lo} and ${hi}, got ${got}`;
}

export function noneOf(fields: readonly string[]): string {
  return `expected exactly one of ${fields.join(', ')}, got none`;
}

export function severalOf(set: readonly string[], all: readonly string[]): string {
  return `expected exactly one of ${all.join(', ')}, got ${set.join(' and ')}`;
}

/** Exactly one of `fields` set; `set` are those present. */
export function oneOfProblem(set: readonly string[], all: readonly string[]): string | undefined {
  if (set.length === 0) return noneOf(all);
  return set.length > 1 ? severalOf(set, all) : undefined;
}
