// Small composable parsers for a ConfigMap's `data`, after knative.dev/pkg/configmap:
// each `asX(key, default, ...checks)` reads one key, and `parseFields` runs a table of them,
// collecting every bad value as a FieldError named by its key instead of stopping at the first.
import { formatFieldErrors } from '../field-error.js';
import type { FieldError, FieldErrors } from '../field-error.js';
import { deepFreeze } from './freeze.js';
import { formatGoDuration, isWholeSeconds, parseGoDuration } from './go-duration.js';
import { isQuantity } from './quantity.js';

/** A ConfigMap's `data`; undefined when the map has none. */
export type ConfigData = Readonly<Record<string, string>> | undefined;

/** The key Knative reserves for a config map's commented example; never parsed. */
export const EXAMPLE_KEY = '_example';

/** A config map holds a value that does not parse or is out of range. */
export class ConfigError extends Error {
  readonly code = 'InvalidConfig';
  readonly configMap: string;
  readonly errors: readonly FieldError[];

  constructor(configMap: string, errors: readonly FieldError[]) {
    super(`invalid ${configMap}: ${formatFieldErrors(errors).split('\n').join('; ')}`);
    this.name = 'ConfigError';
    this.configMap = configMap;
    this.errors = Object.freeze([...errors]);
  }
}

/** Reads one setting; records a problem in `errs` and returns the default when the value is bad. */
export type FieldParser<T> = (data: Readonly<Record<string, string>>, errs: FieldErrors) => T;

/** A check on a parsed value: the problem in words, or undefined when the value is fine. */
export type Check<T> = (value: T) => string | undefined;

/** The raw value of the first of `keys` present; later names are legacy spellings. */
export function lookup(
  data: Readonly<Record<string, string>>,
  keys: string | readonly string[],
): { readonly key: string; readonly raw: unknown } | undefined {
  for (const key of typeof keys === 'string' ? [keys] : keys) {
    if (Object.hasOwn(data, key)) return { key, raw: data[key] };
  }
  return undefined;
}

/** Builds a parser from a conversion that returns the value or a problem. */
export function asField<T>(
  keys: string | readonly string[],
  fallback: T,
  convert: (raw: string) => { readonly value: T } | { readonly problem: string },
  checks: readonly Check<T>[] = [],
): FieldParser<T> {
  return (data, errs) => {
    const found = lookup(data, keys);
    if (!found) return fallback;
    if (typeof found.raw !== 'string') {
      errs.add(found.key, `must be a string, got ${typeof found.raw}`);
      return fallback;
    }
    const result = convert(found.raw);
    if ('problem' in result) {
      errs.add(found.key, result.problem);
      return fallback;
    }
    for (const check of checks) {
      const problem = check(result.value);
      if (problem) {
        errs.add(found.key, problem);
        return fallback;
      }
    }
    return result.value;
  };
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);
const quote = (s: string): string => JSON.stringify(s);

/** An integer, as Go's strconv.ParseInt reads it (no spaces, no fractions). */
export function asInt(keys: string | readonly string[], fallback: number, ...checks: Check<number>[]): FieldParser<number> {
  return asField(keys, fallback, (raw) => {
    const n = Number(raw);
    if (!INT.test(raw)) return { problem: `not an integer: ${quote(raw)}` };
    if (!Number.isSafeInteger(n)) return { problem: `integer out of range: ${raw}` };
    return { value: n };
  }, checks);
}

/** An int32, as Knative's AsInt32 reads it. */
export function asInt32(keys: string | readonly string[], fallback: number, ...checks: Check<number>[]): FieldParser<number> {
  return asInt(keys, fallback, between(-(2 ** 31), 2 ** 31 - 1), ...checks);
}

/** A finite decimal number (`70`, `0.5`, `1e3`). */
export function asFloat(keys: string | readonly string[], fallback: number, ...checks: Check<number>[]): FieldParser<number> {
  return asField(keys, fallback, (raw) => {
    const n = Number(raw);
    return FLOAT.test(raw) && Number.isFinite(n) ? { value: n } : { problem: `not a number: ${quote(raw)}` };
  }, checks);
}

/** A boolean, as Go's strconv.ParseBool reads it (`true`, `False`, `1`, `t`...). */
export function asBool(keys: string | readonly string[], fallback: boolean): FieldParser<boolean> {
  return asField<boolean>(keys, fallback, (raw) => {
    if (TRUE.has(raw)) return { value: true };
    if (FALSE.has(raw)) return { value: false };
    return { problem: `not a boolean: ${quote(raw)}` };
  });
}

/** A Go duration (`60s`, `1m30s`, `1h`) in milliseconds. */
export function asDuration(keys: string | readonly string[], fallbackMs: number, ...checks: Check<number>[]): FieldParser<number> {
  return asField(keys, fallbackMs, (raw) => {
    const ms = parseGoDuration(raw);
    return ms === undefined ? { problem: `not a duration: ${quote(raw)}` } : { value: ms };
  }, checks);
}

/** A string, trimmed as Knative's AsString does. */
export function asString(keys: string | readonly string[], fallback: string, ...checks: Check<string>[]): FieldParser<string> {
  return asField(keys, fallback, (raw) => ({ value: raw.trim() }), checks);
}

/** A comma-separated set, trimmed, without empty entries or repeats, in the order given. */
export function asStringSet(keys: string | readonly string[], fallback: readonly string[]): FieldParser<readonly string[]> {
  return asField(keys, fallback, (raw) => ({
    value: [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))],
  }));
}

/** A Kubernetes resource quantity (`25m`, `400Mi`), kept as written. */
export function asQuantity<D extends string | undefined>(keys: string | readonly string[], fallback: D): FieldParser<string | D> {
  return asField<string | D>(keys, fallback, (raw) =>
    isQuantity(raw) ? { value: raw } : { problem: `not a quantity: ${quote(raw)}` },
  );
}

/** How asEnum matches: Knative reads some words in any case, and some treat "" as unset. */
export interface EnumOptions {
  readonly caseInsensitive?: boolean;
  readonly emptyIsDefault?: boolean;
}

/** One of a fixed set of words, returned in its canonical spelling. */
export function asEnum<T extends string>(
  keys: string | readonly string[],
  fallback: T,
  allowed: readonly T[],
  options: EnumOptions = {},
): FieldParser<T> {
  const fold = (s: string): string => (options.caseInsensitive ? s.toLowerCase() : s);
  return asField<T>(keys, fallback, (raw) => {
    const value = fold(raw.trim());
    if (value === '' && options.emptyIsDefault) return { value: fallback };
    const hit = allowed.find((a) => fold(a) === value);
    return hit === undefined ? { problem: `must be one of ${allowed.join(', ')}, got ${quote(raw)}` } : { value: hit };
  });
}

type Show = (n: number) => string;

/** lo ≤ value ≤ hi. */
export function between(lo: number, hi: number, show: Show = String): Check<number> {
  return (v) => (v < lo || v > hi ? `must be between ${show(lo)} and ${show(hi)}, got ${show(v)}` : undefined);
}

/** value ≥ lo. */
export function atLeast(lo: number, show: Show = String): Check<number> {
  return (v) => (v < lo ? `must be at least ${show(lo)}, got ${show(v)}` : undefined);
}

/** value > lo. */
export function greaterThan(lo: number, show: Show = String): Check<number> {
  return (v) => (v <= lo ? `must be greater than ${show(lo)}, got ${show(v)}` : undefined);
}

/** A duration (ms) with no fraction of a second. */
export const wholeSeconds: Check<number> = (ms) =>
  isWholeSeconds(ms) ? undefined : `must be a whole number of seconds, got ${formatGoDuration(ms)}`;

/** A string that is not empty. */
export const nonEmpty: Check<string> = (s) => (s === '' ? 'must not be empty' : undefined);

/** Go duration formatting for duration checks: `between(6000, 3_600_000, showGoDuration)`. */
export const showGoDuration: Show = formatGoDuration;

type Parsed<S> = { -readonly [K in keyof S]: S[K] extends FieldParser<infer T> ? T : never };

/** Runs a table of field parsers over `data`; problems go to `errs`. Keys not in the table are ignored. */
export function parseFields<S extends Readonly<Record<string, FieldParser<unknown>>>>(
  data: ConfigData,
  fields: S,
  errs: FieldErrors,
): Parsed<S> {
  const source = data ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, parse] of Object.entries(fields)) out[name] = parse(source, errs);
  return out as Parsed<S>;
}

/** The frozen snapshot, or a ConfigError listing every problem found. */
export function snapshot<T>(configMap: string, errs: FieldErrors, value: T): T {
  if (!errs.empty) throw new ConfigError(configMap, errs.list);
  return deepFreeze(value);
}
