import type { LabelSelector } from '@knot/api';
import { isApiError } from '../errors.js';
import { labelSelectorFromObject, matchLabelSelector } from './label-selector-object.js';

describe('matchLabelSelector', () => {
  const labels = { app: 'hello', tier: 'web' };
  test.each<{ name: string; selector: LabelSelector | undefined; want: boolean }>([
    { name: 'absent selector matches nothing', selector: undefined, want: false },
    { name: 'empty selector matches everything', selector: {}, want: true },
    { name: 'matchLabels hit', selector: { matchLabels: { app: 'hello' } }, want: true },
    { name: 'matchLabels miss', selector: { matchLabels: { app: 'hello', tier: 'api' } }, want: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }] }, want: true },
    { name: 'NotIn', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, want: false },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, want: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] }, want: true },
    {
      name: 'labels and expressions together',
      selector: { matchLabels: { app: 'hello' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }] },
      want: false,
    },
  ])('$name', ({ selector, want }) => {
    expect(matchLabelSelector(selector, labels)).toBe(want);
  });

  test.each<{ name: string; selector: LabelSelector; reason: string }>([
    { name: 'unknown operator', selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, reason: 'Unsupported value: "Gt"' },
    { name: 'In without values', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, reason: "can't be empty" },
    { name: 'Exists with values', selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, reason: 'must be empty' },
    { name: 'bad label value', selector: { matchLabels: { a: 'b c' } }, reason: 'matchLabels[a].values' },
  ])('rejects $name', ({ selector, reason }) => {
    expect(() => labelSelectorFromObject(selector)).toThrow(reason);
    try {
      labelSelectorFromObject(selector);
    } catch (err) {
      expect(isApiError(err, 'BadRequest')).toBe(true);
    }
  });

  test('converts to the string form a list call takes', () => {
    const s = labelSelectorFromObject({ matchLabels: { app: 'hello' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a'] }] });
    expect(s.toString()).toBe('app=hello,tier notin (a,b)');
  });
});
