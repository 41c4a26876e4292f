import { isApiError } from '../errors.js';
import { parseFieldSelector } from './field-selector.js';

describe('parseFieldSelector', () => {
  const obj = { metadata: { name: 'hello', namespace: 'default' } };
  test.each([
    { name: 'empty matches everything', selector: '', want: true },
    { name: 'name equals', selector: 'metadata.name=hello', want: true },
    { name: 'name double equals', selector: 'metadata.name==hello', want: true },
    { name: 'name differs', selector: 'metadata.name=bye', want: false },
    { name: 'name not equal', selector: 'metadata.name!=bye', want: true },
    { name: 'namespace equals', selector: 'metadata.namespace=default', want: true },
    { name: 'namespace not equal', selector: 'metadata.namespace!=default', want: false },
    { name: 'both', selector: 'metadata.name=hello,metadata.namespace=other', want: false },
    { name: 'empty term ignored', selector: 'metadata.name=hello,', want: true },
    { name: 'escaped comma in value', selector: 'metadata.name=a\\,b', want: false },
  ])('$name', ({ selector, want }) => {
    expect(parseFieldSelector(selector).matches(obj)).toBe(want);
  });

  test('escapes round-trip', () => {
    const s = parseFieldSelector('metadata.name=a\\,b\\=c');
    expect(s.requirements[0]?.value).toBe('a,b=c');
    expect(s.toString()).toBe('metadata.name=a\\,b\\=c');
  });

  test.each([
    { name: 'unsupported field', selector: 'spec.replicas=1', reason: '"spec.replicas" is not a known field selector' },
    { name: 'status field', selector: 'status.phase=Running', reason: 'not a known field selector' },
    { name: 'no operator', selector: 'metadata.name', reason: "can't understand 'metadata.name'" },
    { name: 'bad escape', selector: 'metadata.name=a\\b', reason: 'invalid escape sequence' },
  ])('rejects $name', ({ selector, reason }) => {
    let caught: unknown;
    try {
      parseFieldSelector(selector);
    } catch (err) {
      caught = err;
    }
    expect(isApiError(caught, 'BadRequest')).toBe(true);
    expect((caught as Error).message).toContain(selector);
    expect((caught as Error).message).toContain(reason);
  });
});
