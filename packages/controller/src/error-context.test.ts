import { ApiError, isConflict } from '@knot/runtime';
import { rethrow, withContext } from './error-context.js';

describe('withContext', () => {
  test.each([
    { name: 'an API error keeps its code', err: new ApiError('Conflict', 'the object has been modified'), want: 'failed to update Deployment: the object has been modified', conflict: true },
    { name: 'a plain error is wrapped', err: new Error('boom'), want: 'failed to update Deployment: boom', conflict: false },
    { name: 'a thrown string becomes an Error', err: 'boom', want: 'failed to update Deployment: boom', conflict: false },
  ])('$name', ({ err, want, conflict }) => {
    const got = withContext('failed to update Deployment', err);
    expect(got).toBeInstanceOf(Error);
    expect(got.message).toBe(want);
    expect(isConflict(got)).toBe(conflict);
  });

  test('rethrow is a catch handler that adds the context', async () => {
    await expect(Promise.reject(new ApiError('NotFound', 'gone')).catch(rethrow('failed to get Service'))).rejects.toMatchObject({ code: 'NotFound', message: 'failed to get Service: gone' });
  });
});
