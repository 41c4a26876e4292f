import { errorFromResponse, errorFromStatus, networkError } from './status-mapping.js';
import { statusBody } from './testing/scripted-apiserver.js';

describe('errorFromResponse', () => {
  test.each([
    { name: 'not found', status: 404, body: statusBody(404, 'NotFound', 'services "x" not found'), code: 'NotFound' },
    { name: 'already exists', status: 409, body: statusBody(409, 'AlreadyExists', 'exists'), code: 'AlreadyExists' },
    { name: 'conflict', status: 409, body: statusBody(409, 'Conflict', 'the object has been modified'), code: 'Conflict' },
    { name: 'invalid', status: 422, body: statusBody(422, 'Invalid', 'bad spec'), code: 'Invalid' },
    { name: 'expired is gone', status: 410, body: statusBody(410, 'Expired', 'too old resource version'), code: 'Gone' },
    { name: 'forbidden', status: 403, body: statusBody(403, 'Forbidden', 'no'), code: 'Forbidden' },
    { name: 'unknown reason falls back to the code', status: 429, body: statusBody(429, 'TooManyRequests', 'slow down'), code: 'InternalError' },
    { name: 'server timeout reason', status: 504, body: statusBody(504, 'Timeout', 'took too long'), code: 'Timeout' },
    { name: 'non-Status body uses the HTTP status', status: 404, body: 'default backend - 404', code: 'NotFound' },
  ])('$name → $code', ({ status, body, code }) => {
    const err = errorFromResponse(status, typeof body === 'string' ? body : JSON.stringify(body));
    expect(err.code).toBe(code);
  });

  test('message and causes come from the Status', () => {
    const body = statusBody(422, 'Invalid', 'Service "x" is invalid', [
      { field: 'spec.template.spec.containers[0].image', message: 'Required value', reason: 'FieldValueRequired' },
      { field: 'metadata.name', message: 'too long' },
    ]);
    const err = errorFromResponse(422, JSON.stringify(body));
    expect(err.message).toBe('Service "x" is invalid');
    expect(err.causes).toEqual([
      { field: 'spec.template.spec.containers[0].image', message: 'Required value', reason: 'FieldValueRequired' },
      { field: 'metadata.name', message: 'too long' },
    ]);
  });
});

describe('errorFromStatus', () => {
  test('410 ERROR event is Gone', () => {
    expect(errorFromStatus({ kind: 'Status', code: 410, reason: 'Expired', message: 'too old' }).code).toBe('Gone');
  });
  test('a non-object is an InternalError', () => {
    expect(errorFromStatus('boom').code).toBe('InternalError');
  });
});

describe('networkError', () => {
  test('keeps the original error as cause and names the request', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const err = networkError(cause, 'GET', 'http://127.0.0.1:1/api/v1/pods');
    expect(err.code).toBe('InternalError');
    expect(err.message).toContain('GET http://127.0.0.1:1/api/v1/pods failed: connect ECONNREFUSED');
    expect(err.cause).toBe(cause);
  });
  test('timeouts map to Timeout', () => {
    const cause = Object.assign(new Error('no answer'), { name: 'TimeoutError' });
    expect(networkError(cause, 'GET', 'http://x').code).toBe('Timeout');
  });
});
