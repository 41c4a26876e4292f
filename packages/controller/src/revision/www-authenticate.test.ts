import fc from 'fast-check';
import { parseWwwAuthenticate } from './www-authenticate.js';

describe('parseWwwAuthenticate', () => {
  test.each([
    {
      name: 'docker hub bearer challenge',
      header: 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
      want: [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } }],
    },
    { name: 'basic challenge', header: 'Basic realm="Registry Realm"', want: [{ scheme: 'basic', params: { realm: 'Registry Realm' } }] },
    { name: 'token values, spaces around = and ,', header: 'BEARER Realm = token-host , Service=reg', want: [{ scheme: 'bearer', params: { realm: 'token-host', service: 'reg' } }] },
    { name: 'escaped quote inside a value', header: 'Bearer realm="a\\"b"', want: [{ scheme: 'bearer', params: { realm: 'a"b' } }] },
    {
      name: 'two challenges joined by a comma',
      header: 'Basic realm="r1", Bearer realm="https://t/token",scope="repository:a/b:pull"',
      want: [
        { scheme: 'basic', params: { realm: 'r1' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', scope: 'repository:a/b:pull' } },
      ],
    },
    { name: 'scheme without parameters', header: 'Negotiate', want: [{ scheme: 'negotiate', params: {} }] },
    { name: 'unterminated quote drops the parameter', header: 'Bearer realm="https://t', want: [{ scheme: 'bearer', params: {} }] },
    { name: 'a value that is no token ends parsing', header: 'Bearer service=reg,realm=http://x/token, Basic realm="r"', want: [{ scheme: 'bearer', params: { service: 'reg', realm: 'http' } }] },
    { name: 'empty', header: '', want: [] },
  ])('$name', ({ header, want }) => {
    expect(parseWwwAuthenticate(header)).toEqual(want);
  });

  test('any header parses to challenges without throwing or hanging', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        for (const c of parseWwwAuthenticate(header)) expect(c.scheme).toMatch(/^[!#$%&'*+.^_`|~0-9a-z-]+$/);
      }),
    );
  });
});
