import { CONFIG_GC } from '../constants/config-maps.js';
import { FieldErrors } from '../field-error.js';
import { parseGoDuration } from './go-duration.js';
import { asField, asInt, atLeast, parseFields, snapshot } from './parse.js';
import type { ConfigData, FieldParser } from './parse.js';

/** The value of a `config-gc` setting written as `disabled`. */
export const GC_DISABLED = -1;

/** `config-gc` in `knative-serving`: when old revisions are garbage collected. Durations in milliseconds. */
export interface ConfigGC {
  /** retain-since-create-time: revisions younger than this are kept; GC_DISABLED keeps all by age. */
  readonly retainSinceCreateTimeMs: number;
  /** retain-since-last-active-time: revisions active more recently are kept; GC_DISABLED keeps all by activity. */
  readonly retainSinceLastActiveTimeMs: number;
  /** min-non-active-revisions: always keep at least this many non-active revisions. */
  readonly minNonActiveRevisions: number;
  /** max-non-active-revisions: never keep more, whatever their age; GC_DISABLED means no cap. */
  readonly maxNonActiveRevisions: number;
}

export const DEFAULT_CONFIG_GC: ConfigGC = Object.freeze({
  retainSinceCreateTimeMs: 48 * 3_600_000,
  retainSinceLastActiveTimeMs: 15 * 3_600_000,
  minNonActiveRevisions: 20,
  maxNonActiveRevisions: 1000,
});

// Knative: "disabled" in any case, empty keeps the default, otherwise a non-negative value.
function asDisabledOr(
  key: string,
  fallback: number,
  parse: (raw: string) => number | undefined,
  what: string,
): FieldParser<number> {
  return asField<number>(key, fallback, (raw) => {
    const text = raw.trim();
    if (text === '') return { value: fallback };
    if (text.toLowerCase() === 'disabled') return { value: GC_DISABLED };
    const value = parse(text);
    if (value === undefined) return { problem: `must be "disabled" or ${what}, got ${JSON.stringify(raw)}` };
    return value < 0 ? { problem: `must not be negative, got ${JSON.stringify(raw)}` } : { value };
  });
}

const count = (text: string): number | undefined =>
  /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;

const d = DEFAULT_CONFIG_GC;
const FIELDS = {
  retainSinceCreateTimeMs: asDisabledOr('retain-since-create-time', d.retainSinceCreateTimeMs, parseGoDuration, 'a duration'),
  retainSinceLastActiveTimeMs: asDisabledOr(
    'retain-since-last-active-time',
    d.retainSinceLastActiveTimeMs,
    parseGoDuration,
    'a duration',
  ),
  minNonActiveRevisions: asInt('min-non-active-revisions', d.minNonActiveRevisions, atLeast(0)),
  maxNonActiveRevisions: asDisabledOr('max-non-active-revisions', d.maxNonActiveRevisions, count, 'a whole number'),
};

/** Parses `config-gc` as Knative does; throws ConfigError naming each bad key. */
export function parseConfigGC(data: ConfigData): ConfigGC {
  const errs = new FieldErrors();
  const v = parseFields(data, FIELDS, errs);
  if (errs.empty && v.maxNonActiveRevisions >= 0 && v.minNonActiveRevisions > v.maxNonActiveRevisions) {
    const max = v.maxNonActiveRevisions;
    errs.add('min-non-active-revisions', `must be at most max-non-active-revisions (${max}), got ${v.minNonActiveRevisions}`);
  }
  return snapshot(CONFIG_GC, errs, v);
}
