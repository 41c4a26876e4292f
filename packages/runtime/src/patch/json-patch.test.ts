import { isApiError, type ApiError } from '../errors.js';
import { applyJsonPatch } from './json-patch.js';

const doc = { metadata: { name: 'hello', labels: { app: 'hello' } }, spec: { list: [1, 2], value: 'a' } };

function caught(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('applyJsonPatch', () => {
  test.each<{ name: string; ops: unknown; want: unknown }>([
    { name: 'add a key', ops: [{ op: 'add', path: '/spec/extra', value: true }], want: { ...doc, spec: { ...doc.spec, extra: true } } },
    { name: 'replace', ops: [{ op: 'replace', path: '/spec/value', value: 'b' }], want: { ...doc, spec: { ...doc.spec, value: 'b' } } },
    { name: 'remove', ops: [{ op: 'remove', path: '/metadata/labels/app' }], want: { ...doc, metadata: { name: 'hello', labels: {} } } },
    { name: 'append to array', ops: [{ op: 'add', path: '/spec/list/-', value: 3 }], want: { ...doc, spec: { ...doc.spec, list: [1, 2, 3] } } },
    {
      name: 'passing test then replace',
      ops: [{ op: 'test', path: '/spec/value', value: 'a' }, { op: 'replace', path: '/spec/value', value: 'c' }],
      want: { ...doc, spec: { ...doc.spec, value: 'c' } },
    },
    { name: 'move', ops: [{ op: 'move', from: '/spec/value', path: '/spec/moved' }], want: { ...doc, spec: { list: [1, 2], moved: 'a' } } },
    { name: 'copy', ops: [{ op: 'copy', from: '/spec/value', path: '/spec/copied' }], want: { ...doc, spec: { ...doc.spec, copied: 'a' } } },
    { name: 'escaped key', ops: [{ op: 'add', path: '/metadata/labels/serving.knative.dev~1service', value: 'x' }], want: { ...doc, metadata: { name: 'hello', labels: { app: 'hello', 'serving.knative.dev/service': 'x' } } } },
    { name: 'empty patch', ops: [], want: doc },
  ])('$name', ({ ops, want }) => {
    const before = structuredClone(doc);
    expect(applyJsonPatch(doc, ops)).toEqual(want);
    expect(doc).toEqual(before);
  });

  test.each([
    { name: 'failing test', ops: [{ op: 'test', path: '/spec/value', value: 'z' }], message: 'test operation at "/spec/value"' },
    { name: 'remove missing key', ops: [{ op: 'remove', path: '/spec/missing' }], message: 'remove operation at "/spec/missing": the path does not exist' },
    { name: 'replace missing key', ops: [{ op: 'replace', path: '/nope/x', value: 1 }], message: '"/nope/x"' },
    { name: 'add under missing parent', ops: [{ op: 'add', path: '/nope/x', value: 1 }], message: 'add operation at "/nope/x"' },
    { name: 'array index out of bounds', ops: [{ op: 'add', path: '/spec/list/9', value: 1 }], message: '"/spec/list/9"' },
    { name: 'second op fails after first applied', ops: [{ op: 'add', path: '/spec/x', value: 1 }, { op: 'test', path: '/spec/x', value: 2 }], message: 'test operation at "/spec/x"' },
  ])('$name is Invalid naming the path', ({ ops, message }) => {
    const err = caught(() => applyJsonPatch(doc, ops));
    expect(err.code).toBe('Invalid');
    expect(err.message).toContain(message);
  });

  test.each([
    { name: 'not an array', ops: { op: 'add' }, message: 'must be an array' },
    { name: 'unknown op', ops: [{ op: 'merge', path: '/a' }], message: 'unknown op "merge"' },
    { name: 'path not a pointer', ops: [{ op: 'remove', path: 'spec' }], message: 'path "spec" is not a JSON pointer' },
    { name: 'missing value', ops: [{ op: 'add', path: '/a' }], message: 'add at "/a" needs a value' },
    { name: 'move without from', ops: [{ op: 'move', path: '/a' }], message: 'needs a "from"' },
  ])('malformed patch: $name is BadRequest', ({ ops, message }) => {
    const err = caught(() => applyJsonPatch(doc, ops));
    expect(err.code).toBe('BadRequest');
    expect(err.message).toContain(message);
  });
});
