import { FieldErrors, formatFieldErrors } from '../../field-error.js';
import { dns1035LabelProblems, dns1035PrefixProblems, validateObjectNames } from './names.js';

describe('dns1035LabelProblems', () => {
  test.each([
    { name: 'simple', value: 'hello', ok: true },
    { name: 'with digits and dash', value: 'hello-world-2', ok: true },
    { name: '63 characters', value: `a${'b'.repeat(62)}`, ok: true },
    { name: '64 characters', value: `a${'b'.repeat(63)}`, ok: false },
    { name: 'leading digit', value: '1hello', ok: false },
    { name: 'uppercase', value: 'Hello', ok: false },
    { name: 'trailing dash', value: 'hello-', ok: false },
    { name: 'dot', value: 'hello.world', ok: false },
    { name: 'empty', value: '', ok: false },
  ])('$name', ({ value, ok }) => {
    expect(dns1035LabelProblems(value).length === 0).toBe(ok);
  });

  test('a generateName prefix may end in a dash', () => {
    expect(dns1035PrefixProblems('hello-')).toEqual([]);
    expect(dns1035PrefixProblems('-')).not.toEqual([]);
  });
});

describe('validateObjectNames', () => {
  const run = (name?: string, generateName?: string): string => {
    const errs = new FieldErrors('metadata');
    validateObjectNames(name, generateName, errs);
    return formatFieldErrors(errs.list);
  };

  test.each([
    { name: 'a valid name', meta: ['hello', undefined], want: '' },
    { name: 'a valid generateName', meta: [undefined, 'hello-'], want: '' },
    { name: 'neither', meta: [undefined, undefined], want: 'metadata.name: name or generateName is required' },
    { name: 'uppercase name', meta: ['Hello', undefined], want: 'metadata.name: not a DNS-1035 label' },
    { name: 'long name', meta: ['a'.repeat(64), undefined], want: 'must be no more than 63 characters, got 64' },
    { name: 'bad generateName', meta: [undefined, '9lives-'], want: 'metadata.generateName: not a DNS-1035 label prefix' },
  ] as const)('$name', ({ meta, want }) => {
    const got = run(meta[0], meta[1]);
    if (want === '') expect(got).toBe('');
    else expect(got).toContain(want);
  });
});
