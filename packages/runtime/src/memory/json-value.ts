import { ApiError } from '../errors.js';

/**
 * A deep copy of `value` as it would arrive over the wire: undefined fields
 * dropped, dates as strings. Values JSON cannot carry are a BadRequest.
 */
export function toPlainJson<T>(value: T): T {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw new ApiError('BadRequest', `the object is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (text === undefined) throw new ApiError('BadRequest', 'the object is not valid JSON');
  return JSON.parse(text) as T;
}
