import { normalizeHost } from './host.js';

describe('normalizeHost', () => {
  test.each([
    { name: 'plain', raw: 'hello.default.example.com', want: 'hello.default.example.com' },
    { name: 'with a port', raw: 'hello.example.com:8080', want: 'hello.example.com' },
    { name: 'upper case', raw: 'Hello.EXAMPLE.com', want: 'hello.example.com' },
    { name: 'trailing dot and port', raw: 'hello.example.com.:80', want: 'hello.example.com' },
    { name: 'IPv6 literal with a port', raw: '[::1]:8080', want: '[::1]' },
    { name: 'empty', raw: '', want: '' },
    { name: 'missing', raw: undefined, want: '' },
    { name: 'only a port', raw: ':80', want: '' },
  ])('$name', ({ raw, want }) => {
    expect(normalizeHost(raw)).toBe(want);
  });
});
