import { ApiError, codeFromStatus, isConflict, isNotFound } from './errors.js';

describe('ApiError', () => {
  test.each([
    { name: 'reason wins over status', status: 409, reason: 'AlreadyExists', want: 'AlreadyExists' },
    { name: '409 without reason is a conflict', status: 409, reason: undefined, want: 'Conflict' },
    { name: '410 is gone', status: 410, reason: 'Expired', want: 'Gone' },
    { name: '422 is invalid', status: 422, reason: undefined, want: 'Invalid' },
    { name: 'unknown status is an internal error', status: 503, reason: undefined, want: 'InternalError' },
  ])('codeFromStatus: $name', ({ status, reason, want }) => {
    expect(codeFromStatus(status, reason)).toBe(want);
  });

  test('carries HTTP status and renders a Kubernetes Status with causes', () => {
    const err = new ApiError('Invalid', 'Service "x" is invalid', [{ field: 'spec.template.spec.containerConcurrency', message: 'must be between 0 and 1000, got 5000' }]);
    expect(err.status).toBe(422);
    expect(err.toStatus()).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422, details: { causes: [{ field: 'spec.template.spec.containerConcurrency' }] } });
    expect(isNotFound(err)).toBe(false);
    expect(isConflict(new ApiError('Conflict', 'stale'))).toBe(true);
  });
});
