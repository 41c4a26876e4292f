import jsonpatch, { type Operation } from 'fast-json-patch';
import type { JsonPatchOperation } from '../client.js';
import { ApiError } from '../errors.js';

// fast-json-patch's operations minus its internal `_get`.
type StandardOperation = Exclude<Operation, { op: '_get' }>;

const OPS = new Set(['add', 'remove', 'replace', 'move', 'copy', 'test']);

const REASONS: Readonly<Record<string, string>> = {
  TEST_OPERATION_FAILED: 'test failed: the value does not match',
  OPERATION_PATH_UNRESOLVABLE: 'the path does not exist',
  OPERATION_FROM_UNRESOLVABLE: 'the "from" path does not exist',
  OPERATION_PATH_CANNOT_ADD: 'the parent of the path does not exist',
  OPERATION_PATH_ILLEGAL_ARRAY_INDEX: 'illegal array index',
  OPERATION_VALUE_OUT_OF_BOUNDS: 'array index out of bounds',
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPointer = (v: unknown): v is string => typeof v === 'string' && (v === '' || v.startsWith('/'));

/** Checks the shape of a JSON patch document; a malformed one is a BadRequest, as in Kubernetes. */
export function parseJsonPatch(ops: unknown): JsonPatchOperation[] {
  return parseOperations(ops);
}

function parseOperations(ops: unknown): StandardOperation[] {
  if (!Array.isArray(ops)) throw new ApiError('BadRequest', 'a JSON patch must be an array of operations');
  return ops.map((raw: unknown, i): StandardOperation => {
    const bad = (why: string): ApiError => new ApiError('BadRequest', `JSON patch operation ${i}: ${why}`);
    if (!isRecord(raw)) throw bad('must be an object');
    const { op, path, from, value } = raw;
    if (typeof op !== 'string' || !OPS.has(op)) throw bad(`unknown op ${JSON.stringify(op)}`);
    if (!isPointer(path)) throw bad(`path ${JSON.stringify(path)} is not a JSON pointer`);
    if (op === 'move' || op === 'copy') {
      if (!isPointer(from)) throw bad(`${op} at "${path}" needs a "from" JSON pointer`);
      return { op, path, from };
    }
    if (op === 'add' || op === 'replace' || op === 'test') {
      if (!('value' in raw) || value === undefined) throw bad(`${op} at "${path}" needs a value`);
      return { op, path, value: structuredClone(value) };
    }
    return { op: 'remove', path };
  });
}

/**
 * Applies a JSON patch (RFC 6902) to a copy of `doc`. A malformed patch is a
 * BadRequest; one that does not apply (a failed `test`, a missing path) is
 * Invalid with the operation and path in the message, as Kubernetes answers 422.
 */
export function applyJsonPatch(doc: unknown, ops: unknown): unknown {
  const operations = parseOperations(ops);
  const copy: unknown = structuredClone(doc);
  try {
    return jsonpatch.applyPatch(copy, operations, true, true).newDocument;
  } catch (err) {
    if (!(err instanceof jsonpatch.JsonPatchError)) throw err;
    const failed = err.index === undefined ? undefined : operations[err.index];
    const reason = REASONS[err.name] ?? err.message.split('\n')[0] ?? 'cannot apply';
    const where = failed ? `${failed.op} operation at "${failed.path}"` : 'JSON patch';
    throw new ApiError('Invalid', `${where}: ${reason}`, [{ field: failed?.path ?? '', message: reason }]);
  }
}
