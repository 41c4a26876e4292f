import { EnvError, envBool, envInt, envList, envPort, envString, requireSystemNamespace } from './env.js';

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(EnvError);
    expect((err as EnvError).code).toBe('InvalidEnvironment');
    return (err as Error).message;
  }
  throw new Error('expected an EnvError');
}

describe('environment parsers', () => {
  test.each([
    { name: 'int: unset takes the fallback', got: () => envInt({}, 'N', 2, 1, 10), want: 2 },
    { name: 'int: blank takes the fallback', got: () => envInt({ N: ' ' }, 'N', 2, 1, 10), want: 2 },
    { name: 'int: a value in range', got: () => envInt({ N: ' 7 ' }, 'N', 2, 1, 10), want: 7 },
    { name: 'port: a valid port', got: () => envPort({ P: '8443' }, 'P', 1), want: 8443 },
    { name: 'port: unset takes the fallback', got: () => envPort({}, 'P', 9090), want: 9090 },
    { name: 'bool: any case', got: () => envBool({ B: 'FALSE' }, 'B', true), want: false },
    { name: 'bool: unset takes the fallback', got: () => envBool({}, 'B', true), want: true },
    { name: 'string: trimmed', got: () => envString({ S: ' x ' }, 'S', 'd'), want: 'x' },
    { name: 'string: blank takes the fallback', got: () => envString({ S: '' }, 'S', 'd'), want: 'd' },
    { name: 'list: unset takes the fallback', got: () => envList({}, 'L', ['a']), want: ['a'] },
    { name: 'list: empty means none', got: () => envList({ L: '' }, 'L', ['a']), want: [] },
    { name: 'list: items trimmed, blanks dropped', got: () => envList({ L: ' a, ,b ' }, 'L', []), want: ['a', 'b'] },
    { name: 'namespace: trimmed', got: () => requireSystemNamespace({ SYSTEM_NAMESPACE: ' knative-serving ' }), want: 'knative-serving' },
  ])('$name', ({ got, want }) => {
    expect(got()).toEqual(want);
  });

  test.each([
    { name: 'int out of range', fn: () => envInt({ N: '11' }, 'N', 2, 1, 10), want: 'N: must be a whole number between 1 and 10, got "11"' },
    { name: 'int not a number', fn: () => envInt({ N: '1.5' }, 'N', 2, 1, 10), want: 'N: must be a whole number between 1 and 10, got "1.5"' },
    { name: 'port zero', fn: () => envPort({ P: '0' }, 'P', 1), want: 'P: must be a port number between 1 and 65535, got "0"' },
    { name: 'bool garbage', fn: () => envBool({ B: 'yes' }, 'B', true), want: 'B: must be true or false, got "yes"' },
    { name: 'namespace missing', fn: () => requireSystemNamespace({}), want: 'SYSTEM_NAMESPACE: required (the namespace knot is installed in, e.g. knative-serving)' },
  ])('names the variable: $name', ({ fn, want }) => {
    expect(problem(fn)).toBe(want);
  });
});
