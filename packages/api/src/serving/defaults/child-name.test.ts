import { childName } from './child-name.js';

describe('childName', () => {
  test.each([
    { name: 'short', parent: 'user-container', suffix: '-0', want: 'user-container-0' },
    { name: 'revision name', parent: 'hello', suffix: '-00001', want: 'hello-00001' },
    { name: 'exactly 63', parent: 'a'.repeat(57), suffix: '-00001', want: `${'a'.repeat(57)}-00001` },
    // md5 of 58 × "a", computed with md5sum: the parent's head, the hash, then the suffix.
    { name: 'too long', parent: 'a'.repeat(58), suffix: '-00001', want: `${'a'.repeat(25)}dc2f2f2462a0d72358b2f99389458606-00001` },
  ])('$name', ({ parent, suffix, want }) => {
    expect(childName(parent, suffix)).toBe(want);
  });

  test('names that differ only past the cut stay different', () => {
    expect(childName(`${'x'.repeat(60)}a`, '-1')).not.toBe(childName(`${'x'.repeat(60)}b`, '-1'));
  });

  test('a suffix too long to keep is hashed in and never ends in a dash', () => {
    const got = childName('parent', `-${'s'.repeat(40)}`);
    expect(got.length).toBeLessThanOrEqual(63);
    expect(got).toMatch(/[a-z0-9]$/);
  });
});
