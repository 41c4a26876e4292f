import { FieldErrors, formatFieldError, formatFieldErrors, joinPath } from './field-error.js';

describe('field errors', () => {
  test.each([
    { name: 'plain segments', parts: ['spec', 'template', 'spec'], want: 'spec.template.spec' },
    { name: 'index segments attach without a dot', parts: ['spec', 'traffic', '[1]', 'percent'], want: 'spec.traffic[1].percent' },
    { name: 'empty parts dropped', parts: ['', 'spec', undefined, 'x'], want: 'spec.x' },
  ])('joinPath: $name', ({ parts, want }) => {
    expect(joinPath(...parts)).toBe(want);
  });

  test('nested collectors share one list and carry their prefix', () => {
    const errs = new FieldErrors();
    const spec = errs.at('spec');
    spec.add('containerConcurrency', 'must be between 0 and 1000, got 5000');
    spec.at('traffic[0]').add('percent', 'must be between 0 and 100, got 101');
    errs.addAll('metadata', [{ path: 'name', message: 'is required' }]);
    expect(errs.list.map(formatFieldError)).toEqual([
      'spec.containerConcurrency: must be between 0 and 1000, got 5000',
      'spec.traffic[0].percent: must be between 0 and 100, got 101',
      'metadata.name: is required',
    ]);
    expect(errs.empty).toBe(false);
    expect(formatFieldErrors([{ path: '', message: 'not an object' }])).toBe('not an object');
  });
});
