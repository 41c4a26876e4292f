import { formatMessage } from './format-message.js';

describe('formatMessage', () => {
  test.each([
    { name: 'no args: returned unchanged, even with %', format: 'disk 100% full: %s', args: [], want: 'disk 100% full: %s' },
    { name: '%s and %d', format: 'revision %s has %d pods', args: ['hello-00001', 3], want: 'revision hello-00001 has 3 pods' },
    { name: '%q quotes', format: 'image %q not found', args: ['gcr.io/x'], want: 'image "gcr.io/x" not found' },
    { name: '%v of an error is its message', format: 'failed: %v', args: [new Error('boom')], want: 'failed: boom' },
    { name: '%w of an error is its message', format: 'failed: %w', args: [new Error('boom')], want: 'failed: boom' },
    { name: '%% is a literal percent', format: '%d%% ready', args: [50], want: '50% ready' },
    { name: 'missing args are marked like Go', format: '%s and %s', args: ['one'], want: 'one and %!s(MISSING)' },
    { name: 'objects render as JSON, nil as <nil>', format: '%v %v', args: [{ a: 1 }, null], want: '{"a":1} <nil>' },
  ])('$name', ({ format, args, want }) => {
    expect(formatMessage(format, args)).toBe(want);
  });
});
