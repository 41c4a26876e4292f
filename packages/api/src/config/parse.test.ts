import { FieldErrors } from '../field-error.js';
import {
  ConfigError,
  asBool,
  asDuration,
  asEnum,
  asFloat,
  asInt,
  asInt32,
  asQuantity,
  asString,
  asStringSet,
  atLeast,
  between,
  greaterThan,
  parseFields,
  showGoDuration,
  snapshot,
  wholeSeconds,
} from './parse.js';
import type { FieldParser } from './parse.js';

function run<T>(parser: FieldParser<T>, data: Record<string, string>): { value: T; errors: string[] } {
  const errs = new FieldErrors();
  const value = parser(data, errs);
  return { value, errors: errs.list.map((e) => `${e.path}: ${e.message}`) };
}

describe('field parsers', () => {
  test.each([
    { name: 'int', parser: asInt('k', 1), raw: '-42', want: -42 },
    { name: 'int with plus', parser: asInt('k', 1), raw: '+7', want: 7 },
    { name: 'int32 max', parser: asInt32('k', 1), raw: '2147483647', want: 2147483647 },
    { name: 'float', parser: asFloat('k', 1), raw: '0.25', want: 0.25 },
    { name: 'float exponent', parser: asFloat('k', 1), raw: '1e3', want: 1000 },
    { name: 'bool True', parser: asBool('k', false), raw: 'True', want: true },
    { name: 'bool 0', parser: asBool('k', true), raw: '0', want: false },
    { name: 'duration', parser: asDuration('k', 0), raw: '1m30s', want: 90_000 },
    { name: 'string trimmed', parser: asString('k', ''), raw: '  x  ', want: 'x' },
    { name: 'string set', parser: asStringSet('k', []), raw: 'a, b,,a ,c', want: ['a', 'b', 'c'] },
    { name: 'quantity', parser: asQuantity('k', undefined), raw: '1.5Gi', want: '1.5Gi' },
    { name: 'enum any case', parser: asEnum('k', 'a', ['a', 'Bee'], { caseInsensitive: true }), raw: 'BEE', want: 'Bee' },
    { name: 'enum empty is default', parser: asEnum('k', 'a', ['a', 'b'], { emptyIsDefault: true }), raw: '', want: 'a' },
  ])('$name parses $raw', ({ parser, raw, want }) => {
    expect(run(parser as FieldParser<unknown>, { k: raw })).toEqual({ value: want, errors: [] });
  });

  test.each([
    { name: 'int', parser: asInt('k', 1), raw: '1.5', error: 'k: not an integer: "1.5"' },
    { name: 'int with space', parser: asInt('k', 1), raw: ' 1', error: 'k: not an integer: " 1"' },
    { name: 'huge int', parser: asInt('k', 1), raw: '99999999999999999999', error: 'k: integer out of range: 99999999999999999999' },
    { name: 'int32 overflow', parser: asInt32('k', 1), raw: '2147483648', error: 'k: must be between -2147483648 and 2147483647, got 2147483648' },
    { name: 'float', parser: asFloat('k', 1), raw: 'abc', error: 'k: not a number: "abc"' },
    { name: 'float NaN', parser: asFloat('k', 1), raw: 'NaN', error: 'k: not a number: "NaN"' },
    { name: 'bool', parser: asBool('k', true), raw: 'yes', error: 'k: not a boolean: "yes"' },
    { name: 'duration', parser: asDuration('k', 0), raw: '60', error: 'k: not a duration: "60"' },
    { name: 'quantity', parser: asQuantity('k', undefined), raw: '25 m', error: 'k: not a quantity: "25 m"' },
    { name: 'enum', parser: asEnum('k', 'a', ['a', 'b']), raw: 'c', error: 'k: must be one of a, b, got "c"' },
    { name: 'between', parser: asInt('k', 5, between(1, 10)), raw: '11', error: 'k: must be between 1 and 10, got 11' },
    { name: 'atLeast', parser: asFloat('k', 5, atLeast(1)), raw: '0.5', error: 'k: must be at least 1, got 0.5' },
    { name: 'greaterThan', parser: asFloat('k', 5, greaterThan(1)), raw: '1', error: 'k: must be greater than 1, got 1' },
    {
      name: 'duration range',
      parser: asDuration('k', 60_000, between(6000, 3_600_000, showGoDuration)),
      raw: '2s',
      error: 'k: must be between 6s and 1h0m0s, got 2s',
    },
    { name: 'whole seconds', parser: asDuration('k', 0, wholeSeconds), raw: '1500ms', error: 'k: must be a whole number of seconds, got 1.5s' },
  ])('$name rejects $raw, naming the key', ({ parser, raw, error }) => {
    const { value, errors } = run(parser as FieldParser<unknown>, { k: raw });
    expect(errors).toEqual([error]);
    expect(value).not.toBe(raw);
  });

  test('absent key gives the default without errors', () => {
    expect(run(asInt('k', 9), {})).toEqual({ value: 9, errors: [] });
  });

  test('a prototype key name is not read from the prototype', () => {
    expect(run(asString('toString', 'd'), {})).toEqual({ value: 'd', errors: [] });
  });

  test('the first of several keys present wins and names the error', () => {
    expect(run(asInt(['new-key', 'oldKey'], 0), { oldKey: '1', 'new-key': '2' }).value).toBe(2);
    expect(run(asInt(['new-key', 'oldKey'], 0), { oldKey: 'x' }).errors).toEqual(['oldKey: not an integer: "x"']);
  });

  test('a non-string value is reported, not thrown', () => {
    const data = { k: 5 } as unknown as Record<string, string>;
    expect(run(asInt('k', 1), data).errors).toEqual(['k: must be a string, got number']);
  });
});

describe('parseFields and snapshot', () => {
  const fields = { a: asInt('a', 1), b: asBool('b', false) };

  test('collects every bad key into one ConfigError with a stable code', () => {
    const errs = new FieldErrors();
    const v = parseFields({ a: 'x', b: 'y', unknown: 'ignored' }, fields, errs);
    let caught: unknown;
    try {
      snapshot('config-test', errs, v);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.code).toBe('InvalidConfig');
    expect(err.configMap).toBe('config-test');
    expect(err.errors.map((e) => e.path)).toEqual(['a', 'b']);
    expect(err.message).toBe('invalid config-test: a: not an integer: "x"; b: not a boolean: "y"');
  });

  test('returns a deeply frozen snapshot', () => {
    const errs = new FieldErrors();
    const snap = snapshot('config-test', errs, { list: ['a'], nested: { x: 1 } });
    expect(Object.isFrozen(snap.list)).toBe(true);
    expect(() => {
      (snap.nested).x = 2;
    }).toThrow(TypeError);
  });
});
