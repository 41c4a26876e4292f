import { isApiError } from '../errors.js';
import { parseLabelSelector } from './label-selector.js';

describe('parseLabelSelector', () => {
  test.each([
    { name: 'empty selects everything', selector: '', canonical: '' },
    { name: 'blank selects everything', selector: '   ', canonical: '' },
    { name: 'equality', selector: 'app=hello', canonical: 'app=hello' },
    { name: 'double equals', selector: 'app==hello', canonical: 'app=hello' },
    { name: 'inequality', selector: 'app!=hello', canonical: 'app!=hello' },
    { name: 'empty value', selector: 'app=', canonical: 'app=' },
    { name: 'set membership with spaces', selector: 'tier in ( web , api )', canonical: 'tier in (api,web)' },
    { name: 'set exclusion', selector: 'tier notin (web)', canonical: 'tier notin (web)' },
    { name: 'exists', selector: 'canary', canonical: 'canary' },
    { name: 'does not exist', selector: '!canary', canonical: '!canary' },
    { name: 'numeric comparisons', selector: 'gen>3,gen<10', canonical: 'gen>3,gen<10' },
    { name: 'prefixed key', selector: 'serving.knative.dev/service=hello', canonical: 'serving.knative.dev/service=hello' },
    { name: 'sorted by key', selector: 'b=1,a=2, !c', canonical: 'a=2,b=1,!c' },
    { name: 'in/notin are plain values', selector: 'x in (in,notin)', canonical: 'x in (in,notin)' },
    { name: 'trailing empty entry in a set', selector: 'x in (a,)', canonical: 'x in (,a)' },
  ])('$name', ({ selector, canonical }) => {
    expect(parseLabelSelector(selector).toString()).toBe(canonical);
  });

  test.each([
    { name: 'trailing comma', selector: 'app=hello,', reason: "found '', expected: identifier after ','" },
    { name: 'leading comma', selector: ',app', reason: "found ',', expected: !, identifier, or 'end of string'" },
    { name: 'missing operator', selector: 'app hello', reason: "found 'hello', expected: '=', '!=', '==', 'in', 'notin', '<' or '>'" },
    { name: 'unclosed set', selector: 'tier in (web', reason: "found '', expected: ',' or ')'" },
    { name: 'set without parenthesis', selector: 'tier in web', reason: "found 'web', expected: '('" },
    { name: 'empty set', selector: 'tier in ()', reason: "values set can't be empty" },
    { name: 'negated key with value', selector: '!app=hello', reason: "found '=', expected: ',' or 'end of string'" },
    { name: 'invalid key', selector: '-app=hello', reason: 'key: Invalid value: "-app"' },
    { name: 'invalid value', selector: 'app=he@llo', reason: 'values: Invalid value: "he@llo"' },
    { name: 'value too long', selector: `app=${'a'.repeat(64)}`, reason: 'must be no more than 63 characters' },
    { name: 'non-integer comparison', selector: 'gen>three', reason: 'exactly one integer value' },
    { name: 'keyword as key', selector: 'in=x', reason: "found 'in', expected: identifier" },
    { name: 'two values for equality', selector: 'a=b c', reason: "found 'c', expected: ',' or 'end of string'" },
  ])('rejects $name', ({ selector, reason }) => {
    let caught: unknown;
    try {
      parseLabelSelector(selector);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'BadRequest')).toBe(true);
    expect((caught as Error).message).toContain(`"${selector}"`);
    expect((caught as Error).message).toContain(reason);
  });
});

describe('ParsedLabelSelector.matches', () => {
  const labels = { app: 'hello', tier: 'web', gen: '7', empty: '' };
  test.each([
    { name: 'equal value', selector: 'app=hello', want: true },
    { name: 'different value', selector: 'app=bye', want: false },
    { name: 'missing key fails equality', selector: 'team=a', want: false },
    { name: 'not equal on other value', selector: 'app!=bye', want: true },
    { name: 'not equal on missing key', selector: 'team!=a', want: true },
    { name: 'not equal on same value', selector: 'app!=hello', want: false },
    { name: 'in', selector: 'tier in (api,web)', want: true },
    { name: 'in misses', selector: 'tier in (api)', want: false },
    { name: 'notin on missing key', selector: 'team notin (a)', want: true },
    { name: 'notin hits', selector: 'tier notin (web)', want: false },
    { name: 'exists', selector: 'tier', want: true },
    { name: 'exists with empty value', selector: 'empty', want: true },
    { name: 'empty value equality', selector: 'empty=', want: true },
    { name: 'does not exist', selector: '!canary', want: true },
    { name: 'does not exist fails', selector: '!app', want: false },
    { name: 'greater than', selector: 'gen>5', want: true },
    { name: 'less than', selector: 'gen<5', want: false },
    { name: 'comparison on non-number label', selector: 'app>1', want: false },
    { name: 'all requirements must match', selector: 'app=hello,tier=api', want: false },
    { name: 'empty selector', selector: '', want: true },
  ])('$name', ({ selector, want }) => {
    expect(parseLabelSelector(selector).matches(labels)).toBe(want);
  });

  test('an object without labels matches only absence-style requirements', () => {
    expect(parseLabelSelector('!app,team notin (a)').matches(undefined)).toBe(true);
    expect(parseLabelSelector('app').matches(undefined)).toBe(false);
  });
});
